// Starts the built ta-server on a free loopback port for the SDK tests and stops it again.
"use strict";

const { spawn } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const readline = require("node:readline");

for (const name of ["@azure/ai-language-text", "@azure/ai-text-analytics"]) {
  try {
    require.resolve(name);
  } catch {
    throw new Error(`${name} is not installed: run \`npm ci\` in tests/sdk (./setup test does)`);
  }
}

const binary = process.env.TA_SERVER_BINARY || path.resolve(__dirname, "../../build/ta-server");

/** A file holding `key`, for --key-file; removed when the process exits. */
function keyFile(key) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ta-sdk-tests-"));
  const file = path.join(dir, "key");
  fs.writeFileSync(file, key + "\n", { mode: 0o600 });
  process.once("exit", () => fs.rmSync(dir, { recursive: true, force: true }));
  return file;
}

/**
 * Runs `ta-server --port 0 ...args` and resolves once it says where it listens:
 * { url, stop() -> Promise<{code, signal, stderr}> }.
 */
async function startServer(args = []) {
  const child = spawn(binary, ["--port", "0", ...args], { stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr.setEncoding("utf8");
  child.stderr.on("data", (chunk) => (stderr += chunk));
  const exited = new Promise((resolve) => {
    child.once("exit", (code, signal) => resolve({ code, signal }));
  });
  const url = await new Promise((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout });
    lines.once("line", (line) => {
      const match = /^listening on (http:\/\/\S+)$/.exec(line);
      if (match) {
        resolve(match[1]);
      } else {
        reject(new Error(`ta-server said "${line}" first`));
      }
    });
    child.once("error", reject);
    exited.then(({ code }) => reject(new Error(`ta-server exited with ${code}: ${stderr}`)));
  });
  return {
    url,
    get stderr() {
      return stderr;
    },
    async stop() {
      child.kill("SIGTERM");
      const { code, signal } = await exited;
      return { code, signal, stderr };
    },
  };
}

module.exports = { keyFile, startServer };
