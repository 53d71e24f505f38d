/**
 * The Identity port: who is calling. In the cloud the OPENID comes from the WX context
 * (trustworthy); on the local stack from the `x-openid` header, which only the loopback-bound
 * local server reads. Anything a client puts in a payload about identity is ignored.
 */
export interface CallerIdentity {
  openid: string;
}

export interface Identity {
  current(): CallerIdentity | null;
}

export function fixedIdentity(openid: string | null): Identity {
  return { current: () => (openid ? { openid } : null) };
}
