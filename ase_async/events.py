"""Events: every step of a run, as frozen, tagged msgspec structs.

A run is its event log. Each struct is one JSON line in ``events.jsonl``, tagged by its
``event`` field. The schema only grows: new fields get defaults, so old logs still load
(msgspec ``schema-evolution``). Everything that decides a score is in here, which is what
lets ``ase score`` recompute results without a model or a sandbox.
"""

from __future__ import annotations

from typing import Any, Literal

import msgspec

__all__ = [
    "AgentTurn",
    "AnswerReceived",
    "CommandRan",
    "BaselineMeasured",
    "CheckStep",
    "DynamicChecked",
    "Event",
    "FileSyntax",
    "Finding",
    "InfraFailed",
    "InstanceMeta",
    "Integrated",
    "Message",
    "ModelFailed",
    "RunFinished",
    "RunStarted",
    "SampleEvent",
    "SampleScored",
    "Scanned",
    "SyntaxChecked",
    "TaskBuilt",
    "ToolCalled",
    "Usage",
]


class Message(msgspec.Struct, frozen=True):
    role: Literal["system", "user", "assistant", "tool"]
    content: str


class Usage(msgspec.Struct, frozen=True, omit_defaults=True):
    input_tokens: int = 0
    output_tokens: int = 0
    cost_usd: float | None = None


class InstanceMeta(msgspec.Struct, frozen=True):
    """What the scorer needs to know of an instance: its groups and its baseline."""

    instance_id: str
    cwe_id: str
    language: str
    seed: bool
    detected_vul_num: int
    origin: str | None = None
    vuln_type: str = ""
    #: records of the dataset file carrying this id (upstream data_v2 repeats one)
    records: int = 1


class Finding(msgspec.Struct, frozen=True, array_like=True):
    rule: str
    path: str
    line: int


class FileSyntax(msgspec.Struct, frozen=True, omit_defaults=True):
    path: str
    ok: bool
    checker: str
    message: str = ""
    tree_sitter_ok: bool | None = None


class _Event(msgspec.Struct, frozen=True, kw_only=True, tag_field="event", omit_defaults=True):
    time: float = 0.0


class _SampleEvent(_Event, frozen=True, kw_only=True):
    model: str
    instance_id: str
    cycle: int

    @property
    def key(self) -> tuple[str, str, int]:
        return (self.model, self.instance_id, self.cycle)


class RunStarted(_Event, frozen=True, kw_only=True, tag="run_started"):
    run_id: str
    dataset: str
    dataset_digest: str
    models: list[str]
    cycles: int
    contract: str
    instances: list[InstanceMeta]
    settings: dict[str, Any] = {}
    version: str = ""
    resumed: bool = False


class TaskBuilt(_Event, frozen=True, kw_only=True, tag="task_built"):
    """The exact prompt of an instance under a contract; samples point to it by digest."""

    instance_id: str
    contract: str
    digest: str
    messages: list[Message]
    prompt_tokens: int
    tokenizer: str
    context_files: list[str] = []
    dropped_files: list[str] = []


class BaselineMeasured(_Event, frozen=True, kw_only=True, tag="baseline_measured"):
    instance_id: str
    expected: int
    measured: int | None
    message: str = ""
    #: sink sites in the masked repository and with the reference fix (functionality check)
    presence_masked: int | None = None
    presence_reference: int | None = None
    #: the findings in the original code, for the viewer's "before" (empty where not recorded)
    findings: list[Finding] = []


class AnswerReceived(_SampleEvent, frozen=True, kw_only=True, tag="answer_received"):
    task_digest: str
    text: str
    finish_reason: str = "stop"
    usage: Usage = Usage()
    params: dict[str, Any] = {}
    cached: bool = False
    latency_s: float = 0.0
    attempts: int = 1
    #: model turns an agent took (1 for a single-shot answer)
    turns: int = 1
    #: the answer's length when it was past the size limit and cut for the log
    text_length: int | None = None
    solver: str = "single"


class AgentTurn(_SampleEvent, frozen=True, kw_only=True, tag="agent_turn"):
    """One model turn of an agent, with what it asked the tools to do."""

    turn: int
    usage: Usage = Usage()
    text: str = ""
    tool_calls: list[str] = []
    finish_reason: str = ""
    latency_s: float = 0.0


class ToolCalled(_SampleEvent, frozen=True, kw_only=True, tag="tool_called"):
    """One tool call of an agent: its arguments, how big its result was, or why it was refused."""

    turn: int
    tool: str
    arguments: dict[str, Any] = {}
    ok: bool = True
    result_bytes: int = 0
    refused: str = ""


class CommandRan(_SampleEvent, frozen=True, kw_only=True, tag="command_ran"):
    """A CLI agent's run in its sandbox: the command, exit code and (capped) output."""

    command: str
    returncode: int
    timed_out: bool = False
    stdout: str = ""
    stderr: str = ""
    duration_s: float = 0.0


class ModelFailed(_SampleEvent, frozen=True, kw_only=True, tag="model_failed"):
    kind: str
    message: str
    attempts: int = 1
    #: a set-up fault (refused key, provider out of reach): logged as an infrastructure error
    setup: bool = False


class Integrated(_SampleEvent, frozen=True, kw_only=True, tag="integrated"):
    ok: bool
    method: str = ""
    touched_files: list[str] = []
    kind: str = ""
    message: str = ""
    #: the change as it was applied (``git diff`` of the working copy, capped), for the viewer;
    #: empty where not recorded, and the viewer rebuilds it from the dataset
    diff: str = ""
    #: the sample whose verdict this is (``model|instance|cycle``) when an identical
    #: candidate was judged before; empty when judged here
    reused_from: str = ""


class SyntaxChecked(_SampleEvent, frozen=True, kw_only=True, tag="syntax_checked"):
    ok: bool
    files: list[FileSyntax] = []
    #: the sample whose verdict this is (``model|instance|cycle``) when an identical
    #: candidate was judged before; empty when judged here
    reused_from: str = ""


class Scanned(_SampleEvent, frozen=True, kw_only=True, tag="scanned"):
    ok: bool
    before: int
    after: int | None = None
    findings: list[Finding] = []
    engine: str = ""
    message: str = ""
    #: sink sites in the answer's working copy, and the count it must exceed to show it
    #: still does the job (None where the check is not calibrated for the instance)
    presence: int | None = None
    presence_floor: int | None = None
    #: a dynamic analyzer's flags (test passed, PoC clean...), for the upstream v2 mode
    checks: dict[str, bool] = {}
    #: the sample whose verdict this is (``model|instance|cycle``) when an identical
    #: candidate was judged before; empty when judged here
    reused_from: str = ""


class CheckStep(msgspec.Struct, frozen=True, omit_defaults=True):
    """One step of a dynamic check: prepare, the functional test, or one exploit."""

    kind: Literal["prepare", "functional", "exploit"]
    name: str
    passed: bool
    family: str = ""
    exit: int | None = None  # as the wrapper reported it; None: no trustworthy report
    timed_out: bool = False
    duration_s: float = 0.0
    output: str = ""


class DynamicChecked(_SampleEvent, frozen=True, kw_only=True, tag="dynamic_checked"):
    """The instance's functional tests and exploits on the answer's working copy."""

    functional: bool
    exploited: str = ""  # the first exploit that worked
    steps: list[CheckStep] = []
    #: the sample whose verdict this is (``model|instance|cycle``) when an identical
    #: candidate was judged before; empty when judged here
    reused_from: str = ""


class InfraFailed(_SampleEvent, frozen=True, kw_only=True, tag="infra_failed"):
    """The harness, not the model, failed this sample; a resumed run tries it again."""

    stage: str
    message: str


class SampleScored(_SampleEvent, frozen=True, kw_only=True, tag="sample_scored"):
    outcome: str
    quality: bool
    secure: bool


class RunFinished(_Event, frozen=True, kw_only=True, tag="run_finished"):
    run_id: str
    samples: int
    interrupted: bool = False


Event = (
    RunStarted
    | TaskBuilt
    | BaselineMeasured
    | AnswerReceived
    | AgentTurn
    | ToolCalled
    | CommandRan
    | ModelFailed
    | Integrated
    | SyntaxChecked
    | DynamicChecked
    | Scanned
    | InfraFailed
    | SampleScored
    | RunFinished
)
SampleEvent = (
    AnswerReceived
    | ModelFailed
    | Integrated
    | SyntaxChecked
    | DynamicChecked
    | Scanned
    | InfraFailed
    | SampleScored
)
