"""Server-side pieces that Voilà loads by name: a kernel manager with a cap on live kernels.

Every page load starts a kernel (50-125 MB). Phones rarely close tabs, so besides culling idle kernels the
server refuses a new page when too many kernels are alive; the person then sees our Danish "try again in a
minute" page (templates/voila/templates/netvaerk/503.html) instead of a machine that runs out of memory.
"""

from __future__ import annotations

from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from tornado import web
from traitlets import Int


class CappedKernelManager(AsyncMappingKernelManager):
    max_kernels = Int(40, config=True, help="Live kernels at most; a page beyond that gets a 503 page.")

    async def start_kernel(self, *args, **kwargs):
        if kwargs.get("kernel_id") is None and len(self.list_kernel_ids()) >= self.max_kernels:
            raise web.HTTPError(503, "too many live kernels", reason="Service Unavailable")
        return await super().start_kernel(*args, **kwargs)
