import type { Response } from 'express';
import { logger } from '../logger.js';
import { ACCESS } from '../web/access.js';
import { defineRouter } from '../web/routes.js';
import { parseInput } from '../web/validate.js';
import type { InstitutionDoc } from './institution.model.js';
import { institutionApiQuerySchema, institutionInputSchema, institutionPatchSchema } from './institution.schemas.js';
import { createInstitution, getInstitution, institutionToJson, listInstitutions, updateInstitution } from './institution.service.js';

/** `/api/v1/institutions`: the directory as JSON for scripts (bearer tokens). */
export const institutionsApiRouter = defineRouter('/api/v1/institutions');

institutionsApiRouter.param('id', async (_req, res, id) => {
  res.locals.institution = await getInstitution(id);
});

const loaded = (res: Response) => res.locals.institution as InstitutionDoc;

institutionsApiRouter.get('/', 'staff', async (req, res) => {
  const filter = parseInput(institutionApiQuerySchema, req.query);
  res.json({ items: (await listInstitutions(filter)).map(institutionToJson) });
});

institutionsApiRouter.post('/', ACCESS.organiser, async (req, res) => {
  const institution = await createInstitution(parseInput(institutionInputSchema, req.body));
  logger.info({ by: req.user!.id }, 'Institution created by %s: %s', req.user!.email, institution.nameZh);
  res.status(201).location(`/api/v1/institutions/${institution._id}`).json(institutionToJson(institution));
});

institutionsApiRouter.get('/:id', 'staff', (_req, res) => {
  res.json(institutionToJson(loaded(res)));
});

institutionsApiRouter.patch('/:id', ACCESS.organiser, async (req, res) => {
  const patch = parseInput(institutionPatchSchema, req.body);
  const institution = await updateInstitution(String(loaded(res)._id), patch);
  logger.info({ by: req.user!.id }, 'Institution updated by %s: %s (%s)', req.user!.email, institution.nameZh, Object.keys(patch).join(', '));
  res.json(institutionToJson(institution));
});
