// @azure/ai-text-analytics 5.x (Text Analytics v3.1) against ta-server.
"use strict";

const assert = require("node:assert/strict");
const { after, before, describe, test } = require("node:test");
// First: it says what to do when the SDKs are not installed.
const { keyFile, startServer } = require("./ta-server");
const { AzureKeyCredential, TextAnalyticsClient } = require("@azure/ai-text-analytics");

// ta-server speaks plain HTTP on loopback; the SDKs send a key over it only when told to.
const insecure = { allowInsecureConnection: true };
const key = "sdk-test-key-v3";
const texts = [
  "The food was great and the staff were friendly.",
  "The service was awful.",
  "The hotel is next to the station.",
  "I love this place. The parking was terrible.",
  "Great pizza 🍕 and friendly staff! We will come back.",
];
const labels = ["positive", "negative", "neutral", "mixed", "positive"];

function assertScores(scores, message) {
  const sum = scores.positive + scores.neutral + scores.negative;
  assert.ok(Math.abs(sum - 1) < 0.01, `${message}: the scores sum to ${sum}`);
}

describe("@azure/ai-text-analytics 5 against ta-server", () => {
  let server;
  let client;

  before(async () => {
    server = await startServer(["--key-file", keyFile(key)]);
    client = new TextAnalyticsClient(server.url, new AzureKeyCredential(key), insecure);
  });

  after(async () => {
    const stopped = await server.stop();
    assert.equal(stopped.code, 0, stopped.stderr);
    assert.match(stopped.stderr, /POST \/text\/analytics\/v3\.1\/sentiment 200 5 docs/);
  });

  test("labels, confidence scores and sentences with offsets", async () => {
    const results = await client.analyzeSentiment(texts, "en");
    assert.equal(results.length, texts.length);
    assert.equal(results.modelVersion, "vader-3.3.2");
    for (const [i, result] of results.entries()) {
      assert.equal(result.error, undefined, JSON.stringify(result.error));
      assert.equal(result.id, String(i));
      assert.equal(result.sentiment, labels[i], texts[i]);
      assertScores(result.confidenceScores, texts[i]);
      assert.ok(result.sentences.length > 0);
      for (const sentence of result.sentences) {
        assertScores(sentence.confidenceScores, sentence.text);
        // The SDK asks for UTF-16 code units: JavaScript's own string indices.
        assert.equal(
          texts[i].substring(sentence.offset, sentence.offset + sentence.length).trim(),
          sentence.text.trim(),
        );
      }
    }
  });

  test("opinion mining is accepted on v3.1", async () => {
    const results = await client.analyzeSentiment(texts.slice(0, 2), "en", {
      includeOpinionMining: true,
    });
    for (const result of results) {
      assert.equal(result.error, undefined);
      for (const sentence of result.sentences) {
        assert.ok(Array.isArray(sentence.opinions));
      }
    }
  });

  test("every option the SDK has is taken", async () => {
    const results = await client.analyzeSentiment(texts.slice(0, 1), "en", {
      includeStatistics: true,
      modelVersion: "latest",
      disableServiceLogs: true,
      stringIndexType: "UnicodeCodePoint",
    });
    assert.equal(results[0].sentiment, "positive");
    assert.equal(results[0].statistics.characterCount, texts[0].length);
  });

  test("an unknown model version is refused", async () => {
    await assert.rejects(
      client.analyzeSentiment(["Nice."], "en", { modelVersion: "2019-10-01" }),
      (error) => {
        assert.equal(error.statusCode, 400);
        // 5.x reports the outer code; the specific one is in the body.
        assert.equal(error.code, "InvalidRequest");
        const body = JSON.parse(error.response.bodyAsText);
        assert.equal(body.error.innererror.code, "ModelVersionIncorrect");
        return true;
      },
    );
  });

  test("an empty document fails alone", async () => {
    const results = await client.analyzeSentiment(["", "I love it."], "en");
    assert.equal(results[0].error.code, "InvalidDocument");
    assert.equal(results[1].sentiment, "positive");
  });

  test("11 documents are a 400", async () => {
    const eleven = Array.from({ length: 11 }, (_, i) => `Document ${i}.`);
    await assert.rejects(client.analyzeSentiment(eleven, "en"), (error) => {
      assert.equal(error.statusCode, 400);
      assert.equal(error.code, "InvalidRequest");
      const body = JSON.parse(error.response.bodyAsText);
      assert.equal(body.error.innererror.code, "InvalidDocumentBatch");
      return true;
    });
  });

  test("a wrong key is a 401", async () => {
    const wrong = new TextAnalyticsClient(server.url, new AzureKeyCredential("wrong-key"), insecure);
    await assert.rejects(wrong.analyzeSentiment(["I love it."], "en"), (error) => {
      assert.equal(error.statusCode, 401);
      return true;
    });
  });
});
