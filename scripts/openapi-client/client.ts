// A frontend's client, typed from the types that openapi-typescript generates out of docs/openapi.json
// (scripts/check-openapi.sh). It compiles under --strict only while the document says what a client needs:
// required request fields that are not nullable, numbers as numbers, the problem answers of each route.
import type { components, paths } from "./api";

type User = components["schemas"]["UserDto"];
type NewUser = paths["/api/users"]["post"]["requestBody"]["content"]["application/json"];
type Created = paths["/api/users"]["post"]["responses"][201]["content"]["application/json"];
type Taken = paths["/api/users"]["post"]["responses"][409]["content"]["application/problem+json"];
type Invalid = paths["/api/users"]["post"]["responses"][400]["content"]["application/problem+json"];
type Stale = paths["/api/users/{id}"]["put"]["responses"][412]["content"]["application/problem+json"];
type SignIn = paths["/api/auth/login"]["post"]["requestBody"]["content"]["application/json"];
type Tokens = paths["/api/auth/login"]["post"]["responses"][200]["content"]["application/json"];
type Busy = paths["/api/auth/login"]["post"]["responses"][503]["content"]["application/problem+json"];

// @ts-expect-error the name of a new user is required and not null
const nameless: NewUser = { name: null, email: "erika@example.com", areas: [] };
// @ts-expect-error areas are required
const areasMissing: NewUser = { name: "Erika Muster", email: "erika@example.com" };

export async function signIn(base: string, login: SignIn): Promise<Tokens | Busy> {
  const response = await fetch(`${base}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(login),
  });
  return (await response.json()) as Tokens | Busy;
}

export async function createUser(base: string, tokens: Tokens, user: NewUser): Promise<User | Taken | Invalid> {
  const response = await fetch(`${base}/api/users`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `${tokens.tokenType} ${tokens.accessToken}` },
    body: JSON.stringify(user),
  });
  return response.status === 201 ? ((await response.json()) as Created) : ((await response.json()) as Taken | Invalid);
}

export function secondsLeft(tokens: Tokens): number {
  return tokens.expiresIn;
}

export function emailOf(user: User): string {
  return user.email;
}

export function retryHint(problem: Busy | Stale): string {
  return `${problem.title ?? ""} ${problem.detail ?? ""}`;
}

export const unused = [nameless, areasMissing];
