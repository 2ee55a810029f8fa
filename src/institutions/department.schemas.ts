import { z } from 'zod';
import { optionalEmail, optionalText } from './institution.schemas.js';

/** A zone department, from the form (`head[name]` fields arrive nested) or the demo loader. */
export const departmentInputSchema = z.object({
  nameZh: z.string().trim().min(1, 'validation.required').max(200, 'institutions.tooLong'),
  nameEn: optionalText(200).default(''),
  shortName: optionalText(100).default(''),
  email: optionalEmail.default(''),
  head: z
    .object({
      name: optionalText(100).default(''),
      title: optionalText(100).default(''),
      email: optionalEmail.default(''),
    })
    .default({ name: '', title: '', email: '' }),
});

/** Input of createDepartment and updateDepartment. */
export type DepartmentInput = z.input<typeof departmentInputSchema>;
