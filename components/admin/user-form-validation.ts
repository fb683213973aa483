/** The fields of the admin page's forms, checked in the page before anything is sent. */
export type NewUserField = "username" | "password";

const USERNAME = /^[a-z0-9][a-z0-9._-]{1,63}$/;
const MIN_PASSWORD = 12;

/** The same rules as POST /api/users, so a mistake is shown under its field at once. */
export function validateNewUser(values: { username: string; password: string }) {
  const errors: Partial<Record<NewUserField, string>> = {};
  const username = values.username.trim();
  if (!username) errors.username = "Enter a username.";
  else if (!USERNAME.test(username))
    errors.username = "2-64 characters: lowercase letters, digits, '.', '_' or '-'.";
  if (!values.password) errors.password = "Enter a password.";
  else if (values.password.length < MIN_PASSWORD) errors.password = `At least ${MIN_PASSWORD} characters.`;
  return errors;
}

export function validateNewToken(values: { name: string }) {
  return values.name.trim() ? {} : { name: "Enter a name for the token." };
}

/** A problem's field errors by field, for the fields a form shows. */
export function fieldErrorsFrom<F extends string>(
  errors: readonly { field: string; message: string }[] | undefined,
  fields: readonly F[],
): Partial<Record<F, string>> {
  const byField: Partial<Record<F, string>> = {};
  for (const error of errors ?? []) {
    const field = fields.find((candidate) => candidate === error.field);
    if (field && !byField[field]) byField[field] = error.message;
  }
  return byField;
}
