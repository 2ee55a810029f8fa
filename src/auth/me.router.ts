import { defineRouter } from '../web/routes.js';

/** `GET /api/v1/me`: who a bearer token belongs to. */
export const meApiRouter = defineRouter('/api/v1/me');

meApiRouter.get('/', 'staff', (req, res) => {
  const { id, email, name, role } = req.user!;
  res.json({ id, email, name, role });
});
