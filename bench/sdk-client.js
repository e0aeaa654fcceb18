// The official SDK's side of bench/remote: every line of the file scored through
// @azure/ai-language-text's analyze("SentimentAnalysis", ...) in batches of 10 (the service's
// limit), CONCURRENCY calls in flight, and one JSON line per document on stdout in input order,
// as `ta --format jsonl` prints. This is how a user of the SDK would write it: the SDK's default
// pipeline (retries, keep-alive agent), nothing tuned.
//   node sdk-client.js ENDPOINT FILE CONCURRENCY
'use strict';
const fs = require('fs');
const { AzureKeyCredential, TextAnalysisClient } = require('@azure/ai-language-text');

const [endpoint, file, concurrencyArg] = process.argv.slice(2);
const concurrency = Number(concurrencyArg);
if (!endpoint || !file || !(concurrency >= 1)) {
  console.error('usage: node sdk-client.js ENDPOINT FILE CONCURRENCY');
  process.exit(2);
}

const lines = fs.readFileSync(file, 'utf8').split('\n');
if (lines.length > 0 && lines[lines.length - 1] === '') {
  lines.pop(); // the newline that ends the last line
}
const batches = [];
for (let i = 0; i < lines.length; i += 10) {
  batches.push(lines.slice(i, i + 10));
}

// ta-server takes any key when it was started without one; the SDK sends a key over plain
// HTTP only when told that it may.
const client = new TextAnalysisClient(endpoint, new AzureKeyCredential('bench'), {
  allowInsecureConnection: true,
});

const out = fs.openSync('/dev/stdout', 'w');
const done = new Array(batches.length);
let written = 0;
let failed = 0;
// Batches finish out of order; each is written once every batch before it has been.
function flush() {
  let chunk = '';
  while (written < batches.length && done[written] !== undefined) {
    for (const result of done[written]) {
      if (result.error) {
        ++failed;
      }
      chunk += JSON.stringify(result) + '\n';
    }
    done[written++] = null;
  }
  if (chunk) {
    fs.writeSync(out, chunk);
  }
}

let next = 0;
async function worker() {
  while (next < batches.length) {
    const index = next++;
    done[index] = await client.analyze('SentimentAnalysis', batches[index], 'en');
    flush();
  }
}

Promise.all(Array.from({ length: Math.min(concurrency, batches.length) }, worker)).then(
  () => {
    if (failed > 0) {
      console.error(`sdk-client: ${failed} documents failed`);
      process.exit(1);
    }
  },
  (error) => {
    console.error(`sdk-client: ${error.message}`);
    process.exit(3);
  },
);
