/**
 * The address members' phones use to join. On the facilitator's laptop the console is
 * often opened as http://localhost:3000, which a phone cannot reach; when the server listens
 * on the room's network (`npm run start:lan`), the laptop's own network address is used.
 */
import os from "node:os";

function lanAddress(): string | null {
  for (const list of Object.values(os.networkInterfaces())) {
    for (const i of list ?? []) if (i.family === "IPv4" && !i.internal) return i.address;
  }
  return null;
}

export function joinOrigin(request: Request): string {
  const url = new URL(request.url);
  const loopback = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/.test(url.hostname);
  const servesLan = process.env.HOST === "0.0.0.0" || process.env.HOST === "::";
  if (loopback && servesLan) {
    const lan = lanAddress();
    if (lan) return `${url.protocol}//${lan}${url.port ? `:${url.port}` : ""}`;
  }
  return url.origin;
}

export function joinUrl(request: Request, code: string) {
  return `${joinOrigin(request)}/m/${code}`;
}
