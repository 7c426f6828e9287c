/**
 * `npm start`: build when needed, then serve (the database is created and migrated on
 * first use). `npm start -- --lan` / `npm run start:lan`: serve on every interface and
 * print the addresses, with a QR code, that members on the same network can open.
 */
import { execSync, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import QRCode from "qrcode";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const lan = process.argv.includes("--lan");

function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

const buildFile = path.join(root, "build", "index.js");
const stale = !fs.existsSync(buildFile) || newestMtime(path.join(root, "app")) > fs.statSync(buildFile).mtimeMs;
if (stale) {
  console.log("Building Plenary…");
  execSync("npx remix build", { cwd: root, stdio: "inherit", env: { ...process.env, NODE_ENV: "production" } });
}

const env = { ...process.env, NODE_ENV: "production" };
if (lan) env.HOST = process.env.HOST ?? "0.0.0.0";
const port = Number(env.PORT ?? 3000);

const child = spawn(process.execPath, [path.join(root, "app", "bin", "server.mjs")], { cwd: root, env, stdio: "inherit" });
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => child.kill(sig));
child.on("exit", (code) => process.exit(code ?? 0));

if (lan) {
  const addresses = Object.values(os.networkInterfaces())
    .flat()
    .filter((i) => i && i.family === "IPv4" && !i.internal)
    .map((i) => `http://${i.address}:${port}`);
  setTimeout(async () => {
    if (addresses.length === 0) {
      console.log("\nNo local network found. Connect this laptop to the room's Wi-Fi (or start a hotspot) and run again.");
      return;
    }
    console.log("\nMembers on the same Wi-Fi can open Plenary at:");
    for (const a of addresses) console.log(`  ${a}`);
    console.log("\nOr scan this with a phone camera:\n");
    console.log(await QRCode.toString(addresses[0], { type: "terminal", small: true }));
    console.log("In a meeting, members then enter the meeting code shown on the projector screen,");
    console.log(`at ${addresses[0]}/m (or scan the QR code on the projector screen, which leads straight there).`);
  }, 1200);
}
