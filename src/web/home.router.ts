import { defineRouter } from './routes.js';

/** The start page for signed-in staff. */
export const homeRouter = defineRouter('/');

homeRouter.get('/', 'staff', (req, res) => {
  res.render('home', { title: req.t('home.title') });
});
