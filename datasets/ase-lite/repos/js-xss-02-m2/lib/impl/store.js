'use strict';

const HISTORY = 20;
const pipelines = new Map();

function record(build) {
  const list = pipelines.get(build.pipeline) || [];
  list.unshift({ ...build, receivedAt: new Date() });
  pipelines.set(build.pipeline, list.slice(0, HISTORY));
}

function getPipeline(name) {
  const builds = pipelines.get(name);
  if (!builds) return null;
  return { name, builds, last: builds[0] };
}

function allPipelines() {
  return [...pipelines.keys()].sort().map(getPipeline);
}

module.exports = { record, getPipeline, allPipelines };
