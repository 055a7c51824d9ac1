/** Meta's signed_request, checked before anything is read from it (src/core/facebook/signed-request.ts). */
import { MAX_SIGNED_REQUEST_LENGTH, signRequest, verifySignedRequest } from '../../src/core/facebook';

const SECRET = 'unit-app-secret';
const payload = { algorithm: 'HMAC-SHA256', user_id: '1234567890', issued_at: 1_764_000_000 };

test('a request signed with the app secret is accepted, with the user id, time and a replay key', () => {
  const result = verifySignedRequest(signRequest(payload, SECRET), SECRET);
  expect(result.ok && result.request.userId).toBe('1234567890');
  expect(result.ok && result.request.issuedAt).toBe(1_764_000_000);
  // The replay key is the same for the same user and time, whatever else the payload holds.
  const again = verifySignedRequest(signRequest({ ...payload, expires: 1 }, SECRET), SECRET);
  expect(result.ok && again.ok && again.request.requestKey === result.request.requestKey).toBe(true);
  expect(result.ok && result.request.requestKey).not.toContain('1234567890');
  // A numeric user_id is read as its digits; lowercase algorithm names are accepted, as in Meta's sample.
  expect(verifySignedRequest(signRequest({ ...payload, user_id: 42, algorithm: 'hmac-sha256' }, SECRET), SECRET)).toMatchObject({ ok: true, request: { userId: '42' } });
});

test('refuses another secret, a changed payload, a wrong algorithm and malformed requests, saying which', () => {
  const signed = signRequest(payload, SECRET);
  const [signature, body] = signed.split('.');
  expect(verifySignedRequest(signed, 'another-secret')).toEqual({ ok: false, problem: 'signature' });
  expect(verifySignedRequest(`${signature}.${Buffer.from(JSON.stringify({ ...payload, user_id: '1' })).toString('base64url')}`, SECRET)).toEqual({ ok: false, problem: 'signature' });
  expect(verifySignedRequest(`${signature.slice(1)}.${body}`, SECRET)).toEqual({ ok: false, problem: 'signature' });
  expect(verifySignedRequest(signRequest({ ...payload, algorithm: 'HMAC-SHA1' }, SECRET), SECRET)).toEqual({ ok: false, problem: 'algorithm' });
  expect(verifySignedRequest(signRequest({ ...payload, algorithm: undefined }, SECRET), SECRET)).toEqual({ ok: false, problem: 'algorithm' });
  for (const bad of ['', '.', 'abc', 'a.b.c', `${signature}.`, `${signature}.${body}!`, `${signature}.${body}`.padEnd(MAX_SIGNED_REQUEST_LENGTH + 1, 'A')]) {
    expect([bad.slice(0, 20), verifySignedRequest(bad, SECRET)]).toEqual([bad.slice(0, 20), { ok: false, problem: expect.stringMatching(/malformed|signature/) }]);
  }
  expect(verifySignedRequest(signRequest({ ...payload, user_id: '../x' }, SECRET), SECRET)).toEqual({ ok: false, problem: 'malformed' });
  expect(verifySignedRequest(signRequest({ ...payload, issued_at: '1764000000' }, SECRET), SECRET)).toEqual({ ok: false, problem: 'malformed' });
  expect(verifySignedRequest(signRequest([] as unknown as Record<string, unknown>, SECRET), SECRET)).toEqual({ ok: false, problem: 'malformed' });
});
