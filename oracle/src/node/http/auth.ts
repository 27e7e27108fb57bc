import crypto from "node:crypto";
import type { FastifyReply, FastifyRequest } from "fastify";

/**
 * Operator API keys: every write needs one, as `Authorization: Bearer <key>` or `X-API-Key: <key>`.
 * Several keys may be configured at once (comma-separated ORACLE_NODE_API_KEYS), so a key is
 * rotated by adding the new one, switching the clients, then removing the old one. Keys are
 * compared as SHA-256 digests in constant time; they are never logged.
 */
export class ApiKeys {
  private readonly digests: Buffer[];

  /** Throws RangeError when no key is given or a key is shorter than 16 characters. */
  constructor(keys: readonly string[]) {
    if (keys.length === 0) throw new RangeError("at least one operator API key is needed (ORACLE_NODE_API_KEYS)");
    for (const [i, k] of keys.entries()) {
      if (k.length < 16) throw new RangeError(`operator API key #${i + 1} is shorter than 16 characters`);
    }
    this.digests = keys.map((k) => crypto.createHash("sha256").update(k).digest());
  }

  /** Whether `key` is one of the configured keys. */
  accepts(key: string | undefined): boolean {
    if (!key) return false;
    const d = crypto.createHash("sha256").update(key).digest();
    let ok = false;
    for (const k of this.digests) ok = crypto.timingSafeEqual(k, d) || ok;
    return ok;
  }

  /** A Fastify onRequest hook answering 401 (no key) or 403 (wrong key) before the body is read. */
  guard() {
    return async (req: FastifyRequest, reply: FastifyReply) => {
      const auth = req.headers.authorization;
      const key = (typeof auth === "string" && auth.startsWith("Bearer ") ? auth.slice(7) : undefined) ?? (req.headers["x-api-key"] as string | undefined);
      if (!key) return reply.code(401).send({ error: "Unauthorized", message: "writes need an operator API key: Authorization: Bearer <key> or X-API-Key" });
      if (!this.accepts(key.trim())) return reply.code(403).send({ error: "Forbidden", message: "the operator API key is not valid" });
    };
  }
}
