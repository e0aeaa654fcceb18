// @azure/ai-language-text (the Language API, :analyze-text) against ta-server.
"use strict";

const assert = require("node:assert/strict");
const { after, before, describe, test } = require("node:test");
// First: it says what to do when the SDKs are not installed.
const { keyFile, startServer } = require("./ta-server");
const { AzureKeyCredential, TextAnalysisClient } = require("@azure/ai-language-text");

// ta-server speaks plain HTTP on loopback; the SDKs send a key over it only when told to.
const insecure = { allowInsecureConnection: true };
const key = "sdk-test-key";
const documents = [
  { id: "1", language: "en", text: "The food was great and the staff were friendly." },
  { id: "2", language: "en", text: "The service was awful." },
  { id: "3", language: "en", text: "The hotel is next to the station." },
  { id: "4", language: "en", text: "I love this place. The parking was terrible." },
  { id: "5", language: "en", text: "Great pizza 🍕 and friendly staff! We will come back." },
];
const labels = { 1: "positive", 2: "negative", 3: "neutral", 4: "mixed", 5: "positive" };

function assertScores(scores, message) {
  for (const name of ["positive", "neutral", "negative"]) {
    assert.ok(scores[name] >= 0 && scores[name] <= 1, `${message}: ${name} ${scores[name]}`);
  }
  const sum = scores.positive + scores.neutral + scores.negative;
  assert.ok(Math.abs(sum - 1) < 0.01, `${message}: the scores sum to ${sum}`);
}

describe("@azure/ai-language-text against ta-server", () => {
  let server;
  let client;

  before(async () => {
    server = await startServer(["--key-file", keyFile(key)]);
    client = new TextAnalysisClient(server.url, new AzureKeyCredential(key), insecure);
  });

  after(async () => {
    const stopped = await server.stop();
    assert.equal(stopped.code, 0, stopped.stderr);
    assert.ok(!stopped.stderr.includes(key), "the key is never logged");
  });

  test("labels, confidence scores and sentences with offsets", async () => {
    // Unlike ai-text-analytics, this SDK sends no stringIndexType unless asked.
    const results = await client.analyze("SentimentAnalysis", documents, {
      stringIndexType: "Utf16CodeUnit",
    });
    assert.equal(results.length, documents.length);
    for (const [i, result] of results.entries()) {
      const document = documents[i];
      assert.equal(result.error, undefined, JSON.stringify(result.error));
      assert.equal(result.id, document.id);
      assert.equal(result.sentiment, labels[document.id], `document ${document.id}`);
      assertScores(result.confidenceScores, `document ${document.id}`);
      assert.ok(result.sentences.length > 0);
      for (const sentence of result.sentences) {
        assert.ok(["positive", "neutral", "negative"].includes(sentence.sentiment));
        assertScores(sentence.confidenceScores, `a sentence of ${document.id}`);
        // The SDK asks for UTF-16 code units: JavaScript's own string indices.
        assert.equal(
          document.text.substring(sentence.offset, sentence.offset + sentence.length).trim(),
          sentence.text.trim(),
        );
      }
    }
    assert.equal(results[3].sentences.length, 2);
    assert.equal(results[3].sentences[0].sentiment, "positive");
    assert.equal(results[3].sentences[1].sentiment, "negative");
  });

  test("offsets are in text elements by default, as the service's", async () => {
    const [result] = await client.analyze("SentimentAnalysis", [documents[4]]);
    const second = result.sentences[1];
    const before = documents[4].text.slice(0, documents[4].text.indexOf(second.text));
    const graphemes = [...new Intl.Segmenter("en", { granularity: "grapheme" }).segment(before)];
    assert.equal(second.offset, graphemes.length);
  });

  test("opinion mining gives every sentence its opinions", async () => {
    const results = await client.analyze("SentimentAnalysis", documents.slice(0, 2), {
      includeOpinionMining: true,
    });
    for (const result of results) {
      assert.equal(result.error, undefined);
      for (const sentence of result.sentences) {
        assert.ok(Array.isArray(sentence.opinions));
      }
    }
  });

  test("statistics when asked", async () => {
    let raw;
    const results = await client.analyze("SentimentAnalysis", documents.slice(0, 1), {
      includeStatistics: true,
      onResponse: (response) => (raw = response),
    });
    assert.equal(results[0].statistics.characterCount, documents[0].text.length);
    assert.equal(results[0].statistics.transactionCount, 1);
    assert.equal(JSON.parse(raw.bodyAsText).results.statistics.documentsCount, 1);
  });

  test("the answer has the engine's model version, a request id and JSON", async () => {
    let raw;
    await client.analyze("SentimentAnalysis", ["Nice."], "en", {
      modelVersion: "latest",
      onResponse: (response) => (raw = response),
    });
    assert.equal(raw.status, 200);
    assert.equal(raw.parsedBody.results.modelVersion, "vader-3.3.2");
    assert.match(raw.headers.get("apim-request-id"), /^[0-9a-f-]{36}$/);
    assert.equal(raw.headers.get("content-type"), "application/json; charset=utf-8");
  });

  for (const serviceVersion of ["2022-05-01", "2023-04-01"]) {
    test(`service version ${serviceVersion}`, async () => {
      const versioned = new TextAnalysisClient(server.url, new AzureKeyCredential(key), {
        ...insecure,
        serviceVersion,
      });
      const [result] = await versioned.analyze("SentimentAnalysis", ["I love it."], "en");
      assert.equal(result.sentiment, "positive");
    });
  }

  test("an empty document fails alone", async () => {
    const results = await client.analyze("SentimentAnalysis", ["", "I love it."], "en");
    assert.equal(results[0].error.code, "InvalidDocument");
    assert.equal(results[1].sentiment, "positive");
  });

  test("a language other than English is UnsupportedLanguageCode", async () => {
    const [result] = await client.analyze("SentimentAnalysis", ["C'est génial."], "fr");
    assert.equal(result.error.code, "UnsupportedLanguageCode");
  });

  test("11 documents are a 400", async () => {
    const eleven = Array.from({ length: 11 }, (_, i) => `Document ${i}.`);
    await assert.rejects(client.analyze("SentimentAnalysis", eleven, "en"), (error) => {
      assert.equal(error.statusCode, 400);
      assert.equal(error.code, "InvalidDocumentBatch");
      return true;
    });
  });

  test("a wrong key is a 401", async () => {
    const wrong = new TextAnalysisClient(server.url, new AzureKeyCredential("wrong-key"), insecure);
    await assert.rejects(wrong.analyze("SentimentAnalysis", ["I love it."], "en"), (error) => {
      assert.equal(error.statusCode, 401);
      return true;
    });
  });
});
