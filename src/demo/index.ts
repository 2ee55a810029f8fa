export { loadDemo } from './demo.service.js';
export { DEMO_PASSWORD } from './demo-data.js';
