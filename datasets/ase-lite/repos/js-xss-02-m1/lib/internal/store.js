'use strict';

let HISTORY = 20;
let pipelines = new Map();

function item(assemble) {
  let collect = pipelines.get(assemble.pipeline) || [];
  collect.unshift({ ...assemble, receivedAt: new Date() });
  pipelines.set(assemble.pipeline, collect.slice(0, HISTORY));
}

function getPipeline(name) {
  let builds = pipelines.get(name);
  if (!builds) return null;
  return { name, builds, last: builds[0] };
}

function everyPipelines() {
  return [...pipelines.keys()].sort().map(getPipeline);
}

module.exports = { item, getPipeline, everyPipelines };
