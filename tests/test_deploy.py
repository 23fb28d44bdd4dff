"""The deployment files in deploy/, validated offline as far as the tools allow.

The ``ray up`` cluster file goes through Ray's own validation (its JSON schema, after Ray
fills in the provider's defaults). The KubeRay manifest is checked as YAML against the
fields the RayCluster CRD (ray.io/v1) requires; the CRD's full OpenAPI schema is not
available offline, so unknown fields are not caught here.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

DEPLOY = Path(__file__).resolve().parent.parent / "deploy"


def _load(name: str) -> Any:
    return yaml.safe_load((DEPLOY / name).read_text())


def test_the_ray_up_cluster_file_passes_rays_validation() -> None:
    util = pytest.importorskip("ray.autoscaler._private.util")
    config = util.prepare_config(_load("ray-cluster.yaml"))
    util.validate_config(config)
    assert config["docker"]["image"] == "ase-async-ray:latest"
    assert config["available_node_types"]["head"]["resources"] == {"CPU": 0}
    broken = copy.deepcopy(config)
    broken["available_node_types"]["worker"]["min_workers"] = "two"
    with pytest.raises(Exception, match=r"min_workers|is not of type"):
        util.validate_config(broken)  # the validation does check: a wrong type is refused


def test_the_kuberay_manifest_has_what_a_raycluster_requires() -> None:
    manifest = _load("kuberay-raycluster.yaml")
    assert manifest["apiVersion"] == "ray.io/v1" and manifest["kind"] == "RayCluster"
    spec = manifest["spec"]
    head = spec["headGroupSpec"]
    assert head["rayStartParams"]["num-cpus"] == "0"  # the head runs no worker
    groups = [head["template"], *(g["template"] for g in spec["workerGroupSpecs"])]
    for template in groups:
        (container,) = template["spec"]["containers"]
        assert container["image"] == "ase-async-ray:latest"
        assert container["name"] and container["resources"]["limits"]
    for group in spec["workerGroupSpecs"]:
        assert group["groupName"] and isinstance(group["rayStartParams"], dict)
        assert group["minReplicas"] <= group["replicas"] <= group["maxReplicas"]
        assert all(isinstance(v, str) for v in group["rayStartParams"].values())  # the CRD: map of strings
    docker = next(g for g in spec["workerGroupSpecs"] if g["groupName"] == "docker-workers")
    assert "docker" in docker["rayStartParams"]["resources"]


def test_the_worker_image_extends_the_evaluation_image() -> None:
    text = (DEPLOY / "Dockerfile.ray").read_text()
    assert "ARG EVAL_IMAGE=ase-async-eval:latest" in text and "[ray]" in text
