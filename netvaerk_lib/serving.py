"""Server-side pieces that Voilà loads by name: a kernel manager with a cap on live kernels.

Every page load starts a kernel (60-170 MB, docs/DEPLOYMENT.md). Phones rarely close tabs, so besides culling
idle kernels the server refuses a new page when too many kernels are alive; the person then sees our Danish "try
again in a minute" page (templates/voila/templates/netvaerk/503.html) instead of a machine that runs out of memory.
"""

from __future__ import annotations

from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager, ServerKernelManager
from tornado import web
from traitlets import Int, default

from netvaerk_lib import log_masking

log_masking.install()  # Voilà imports this module at start, before the first request is logged


class TracebackHidingKernelManager(ServerKernelManager):
    """One kernel's manager that knows the message replacing a traceback.

    With ``MappingKernelManager.allow_tracebacks=False`` jupyter_server's websocket connection replaces an
    error's traceback with ``self.kernel_manager.traceback_replacement_message``, but that trait lives on the
    mapping manager, not on the one kernel's manager it asks. The AttributeError escaped the message handler
    and the page's connection got no further output: one bad widget value froze the page."""

    @property
    def traceback_replacement_message(self) -> str:
        return self.parent.traceback_replacement_message


class CappedKernelManager(AsyncMappingKernelManager):
    max_kernels = Int(40, config=True, help="Live kernels at most; a page beyond that gets a 503 page.")

    @default("kernel_manager_class")
    def _default_kernel_manager_class(self):
        return "netvaerk_lib.serving.TracebackHidingKernelManager"

    async def start_kernel(self, *args, **kwargs):
        if kwargs.get("kernel_id") is None and len(self.list_kernel_ids()) >= self.max_kernels:
            raise web.HTTPError(503, "too many live kernels", reason="Service Unavailable")
        return await super().start_kernel(*args, **kwargs)
