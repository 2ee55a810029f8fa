export { loadDemo } from './demo.service.js';
