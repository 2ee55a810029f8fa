// A signed-in staff browser, with fetch: cookies kept by hand, the form's CSRF token sent with each POST.

/** A signed-in session. */
export interface Session {
  cookie: string;
  get(url: string): Promise<Response>;
  post(url: string, fields: Record<string, string>): Promise<Response>;
}

function cookiesOf(res: Response, jar: Map<string, string>): void {
  for (const line of res.headers.getSetCookie()) {
    const [pair] = line.split(';');
    const at = pair!.indexOf('=');
    jar.set(pair!.slice(0, at), pair!.slice(at + 1));
  }
}

function csrfOf(html: string): string {
  const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  if (!token) throw new Error('no CSRF field on the page');
  return token;
}

/** Sign in through the login form, as a browser does. */
export async function signIn(base: string, user: { email: string; password: string }): Promise<Session> {
  const jar = new Map<string, string>();
  const header = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const get = async (url: string) => {
    const res = await fetch(url, { headers: { cookie: header() }, redirect: 'manual' });
    cookiesOf(res, jar);
    return res;
  };
  const send = async (url: string, fields: Record<string, string>) => {
    const res = await fetch(url, { method: 'POST', headers: { cookie: header(), 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields), redirect: 'manual' });
    cookiesOf(res, jar);
    return res;
  };
  const signedIn = await send(`${base}/login`, { ...user, _csrf: csrfOf(await (await get(`${base}/login`)).text()) });
  if (signedIn.status !== 303) throw new Error(`sign-in answered ${signedIn.status}`);
  const account = await get(`${base}/account`);
  if (account.status !== 200) throw new Error(`after sign-in (to ${signedIn.headers.get('location')}), /account answered ${account.status} (to ${account.headers.get('location')})`);
  const csrf = csrfOf(await account.text());
  return { cookie: header(), get, post: (url, fields) => send(url, { ...fields, _csrf: csrf }) };
}
