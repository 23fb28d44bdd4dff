"""What the HTTP adapters share: endpoints and keys, the client, and error classification.

Every vendor failure is translated here into the ase_async error tree, naming the
provider and never the request headers (which carry the key).
"""

from __future__ import annotations

import email.utils
import hashlib
import ipaddress
import os
import re
import time
from typing import Any

import httpx
import msgspec

from ase_async._errors import (
    AuthenticationFailed,
    BadResponse,
    ConfigError,
    ConnectionFailed,
    FatalModelError,
    PreflightError,
    RateLimited,
    TransientModelError,
)
from ase_async.redact import redact, register_secret

from .base import GenerateConfig, ModelAPI, ModelRequest
from .model_rules import ModelTraits, check_generation, traits_for

__all__ = ["ENDPOINTS", "HttpModelAPI", "is_loopback", "parse_reset"]

#: provider prefix -> (API family, default base URL, key variable, base URL variable)
ENDPOINTS: dict[str, tuple[str, str, str, str]] = {
    "openai": ("openai", "https://api.openai.com/v1", "OPENAI_API_KEY", "OPENAI_BASE_URL"),
    "anthropic": ("anthropic", "https://api.anthropic.com", "ANTHROPIC_API_KEY", "ANTHROPIC_BASE_URL"),
    "deepseek": ("openai", "https://api.deepseek.com/v1", "DEEPSEEK_API_KEY", "DEEPSEEK_BASE_URL"),
    "openrouter": ("openai", "https://openrouter.ai/api/v1", "OPENROUTER_API_KEY", "OPENROUTER_BASE_URL"),
    "qwen": ("openai", "https://dashscope.aliyuncs.com/compatible-mode/v1", "DASHSCOPE_API_KEY", "DASHSCOPE_BASE_URL"),
    "kimi": ("openai", "https://api.moonshot.ai/v1", "MOONSHOT_API_KEY", "MOONSHOT_BASE_URL"),
    "glm": ("openai", "https://open.bigmodel.cn/api/paas/v4", "ZHIPUAI_API_KEY", "ZHIPUAI_BASE_URL"),
    "vllm": ("openai", "http://localhost:8000/v1", "VLLM_API_KEY", "VLLM_BASE_URL"),
    "ollama": ("openai", "http://localhost:11434/v1", "OLLAMA_API_KEY", "OLLAMA_BASE_URL"),
    "llamacpp": ("openai", "http://localhost:8080/v1", "LLAMACPP_API_KEY", "LLAMACPP_BASE_URL"),
}

_DURATION_PART = re.compile(r"(\d+(?:\.\d+)?)(ms|s|m|h)")
_UNITS = {"ms": 0.001, "s": 1.0, "m": 60.0, "h": 3600.0}


def is_loopback(url: str) -> bool:
    """Whether ``url`` points at this machine (a local server needs no key)."""
    host = (httpx.URL(url).host or "").strip("[]").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def parse_reset(value: str | None, *, now: float | None = None) -> float | None:
    """Seconds until a reset: ``Retry-After`` (seconds or HTTP date), OpenAI's ``6m0s`` /
    ``20ms`` durations, or an RFC 3339 time (Anthropic)."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    parts = _DURATION_PART.findall(value)
    if parts and "".join(n + u for n, u in parts) == value:
        return sum(float(n) * _UNITS[u] for n, u in parts)
    now = time.time() if now is None else now
    try:
        when = email.utils.parsedate_to_datetime(value)
        return max(0.0, when.timestamp() - now)
    except (TypeError, ValueError, IndexError):
        pass
    try:
        import datetime

        when = datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
        return max(0.0, when.timestamp() - now)
    except ValueError:
        return None


def retry_after(headers: httpx.Headers) -> float | None:
    if "retry-after-ms" in headers:
        try:
            return float(headers["retry-after-ms"]) / 1000
        except ValueError:
            pass
    candidates = [parse_reset(headers.get("retry-after"))]
    for name in ("x-ratelimit-reset-requests", "x-ratelimit-reset-tokens",
                 "anthropic-ratelimit-requests-reset", "anthropic-ratelimit-tokens-reset"):
        candidates.append(parse_reset(headers.get(name)))
    found = [c for c in candidates if c is not None]
    return max(found) if found else None


class HttpModelAPI(ModelAPI):
    """Base of the HTTP adapters: one ``httpx.AsyncClient`` per adapter, pool sized to the limiter.

    Args:
        base_url: the API's base URL; else the provider's variable; else its default.
        api_key: else the provider's key variable.
        max_connections: requests in flight for this key (the limiter's ceiling too).
        timeout: read timeout in seconds (generations can be long); connect is 10 s.
    """

    family = "openai"

    def __init__(
        self,
        name: str,
        *,
        config: GenerateConfig | None = None,
        base_url: str | None = None,
        api_key: str | None = None,
        api_key_variable: str | None = None,
        max_connections: int = 32,
        timeout: float = 600.0,
        transport: httpx.AsyncBaseTransport | None = None,
        **ignored: Any,
    ) -> None:
        super().__init__(name, config=config)
        self.provider, _, self.model = name.partition("/")
        _, default_url, key_variable, url_variable = ENDPOINTS.get(
            self.provider, (self.family, "", f"{self.provider.upper()}_API_KEY", f"{self.provider.upper()}_BASE_URL")
        )
        self.base_url = (base_url or os.environ.get(url_variable) or default_url).rstrip("/")
        if not self.base_url:
            raise ConfigError(f"{name}: no base URL (pass --base-url or set {url_variable})")
        self.api_key = api_key if api_key is not None else os.environ.get(key_variable, "")
        self.key_variable = api_key_variable or key_variable
        self.traits: ModelTraits = traits_for(name, family=self.family, base_url=self.base_url)
        # Before any request: a setting the model refuses would fail every sample alike.
        check_generation(name, self.config, self.traits)
        register_secret(self.api_key)
        if not self.api_key and not is_loopback(self.base_url):
            # Caught before any request: a run without its key would only collect 401s.
            raise PreflightError(
                f"{name}: no API key: set {self.key_variable}"
                + ("" if api_key_variable else " (or name the variable that holds it with --api-key-env)")
                + "; a local server given with --base-url needs none"
            )
        self._max_connections = max_connections
        self._timeout = timeout
        self._transport = transport
        self._clients: list[httpx.AsyncClient] = []
        self._next = 0
        self._urls: dict[str, httpx.URL] = {}
        self._connection_key: str | None = None

    def settings_for(self, request: ModelRequest) -> GenerateConfig:
        """The merged settings, checked like the model's own when the request brings some.

        Raises:
            FatalModelError: the request's settings are ones the model would refuse.
        """
        config = super().settings_for(request)
        if request.config is not None:
            try:
                check_generation(self.name, config, self.traits)
            except ConfigError as exc:
                raise FatalModelError(str(exc)) from exc
        return config

    def connection_key(self) -> str:
        # Asked several times per call, and the key and URL never change: digest them once.
        if self._connection_key is None:
            # The account is a digest of the key: two keys are two budgets, and the key
            # itself never becomes part of a name that is logged.
            account = hashlib.sha256(self.api_key.encode()).hexdigest()[:10] if self.api_key else "anonymous"
            self._connection_key = f"{self.provider}|{self.base_url}|{account}"
        return self._connection_key

    def max_connections(self) -> int:
        return self._max_connections

    #: connections per httpx client. httpcore's pool scans every connection for every
    #: request it assigns, so one pool of 50 connections costs several milliseconds of CPU
    #: per request; shards of 4 keep that scan short (side by side at 50 in flight: 1.31 ms
    #: of CPU a call with shards of 4, 1.42 with 8, 7.06 with one pool of 50).
    SHARD = 4

    @property
    def client(self) -> httpx.AsyncClient:
        """The next client of the adapter's shards (round robin)."""
        if not self._clients:
            shards = max(1, -(-self._max_connections // self.SHARD))
            per_shard = -(-self._max_connections // shards)
            # One TLS context for every shard: each would otherwise load the CA bundle again
            # (about 35 ms of CPU apiece, before the first request).
            tls = httpx.create_ssl_context() if self._transport is None else True
            for _ in range(shards):
                self._clients.append(httpx.AsyncClient(
                    base_url=self.base_url,
                    timeout=httpx.Timeout(connect=10.0, read=self._timeout, write=30.0, pool=60.0),
                    limits=httpx.Limits(max_connections=per_shard, max_keepalive_connections=per_shard),
                    transport=self._transport, verify=tls,
                ))
        client = self._clients[self._next % len(self._clients)]
        self._next += 1
        return client

    async def post_json(self, path: str, body: dict[str, Any], headers: dict[str, str]) -> dict[str, Any]:
        """POST and decode a JSON object, or raise a classified error."""
        url = self._urls.get(path)
        if url is None:
            # Parsed once: httpx parses a string URL and joins it to the base URL again on
            # every request (two URL parses, a tenth of a call's CPU).
            url = self._urls[path] = self.client.base_url.join(path.lstrip("/"))
        try:
            response = await self.client.post(url, content=msgspec.json.encode(body),
                                              headers={"content-type": "application/json", **headers})
        except httpx.ConnectTimeout:
            raise ConnectionFailed(f"{self.name}: no connection to {self.base_url} within 10 s") from None
        except httpx.TimeoutException as exc:
            raise TransientModelError(f"{self.name}: {type(exc).__name__} talking to {self.base_url}") from None
        except httpx.ConnectError as exc:
            # DNS, a refused connection, TLS: the provider is out of reach, not the model at fault.
            raise ConnectionFailed(f"{self.name}: cannot connect to {self.base_url}: {redact(str(exc))[:200]}") from None
        except httpx.TransportError as exc:
            raise TransientModelError(f"{self.name}: {type(exc).__name__} talking to {self.base_url}: {redact(str(exc))[:200]}") from None
        status = response.status_code
        if status >= 400:
            detail = redact(response.text[:500])
            message = f"{self.name}: HTTP {status} from {self.base_url}: {detail}"
            if status == 429:
                raise RateLimited(message, retry_after=retry_after(response.headers))
            if status in (408, 409, 425) or status >= 500:
                raise TransientModelError(message, retry_after=retry_after(response.headers))
            if status in (401, 403):
                raise AuthenticationFailed(f"{message} (the key in {self.key_variable} was refused)")
            raise FatalModelError(message)
        try:
            data = msgspec.json.decode(response.content)
        except msgspec.DecodeError:
            raise BadResponse(f"{self.name}: the body is not JSON ({len(response.content)} bytes)") from None
        if not isinstance(data, dict):
            raise BadResponse(f"{self.name}: the body is JSON but not an object")
        return data

    async def aclose(self) -> None:
        clients, self._clients = self._clients, []
        for client in clients:
            await client.aclose()
