"""What other apps add to a member network's public page.

``networks`` is the vocabulary and knows nothing of stories: ``news`` adds each network's newest
stories here when it starts (NewsConfig.ready), so the import points from news to networks.
"""

_context_providers = []


def add_network_page_context(provider):
    """Register ``provider(network_index_page, network) -> dict``, merged into the page's context."""
    _context_providers.append(provider)
    return provider


def network_page_context(index_page, network):
    context = {}
    for provider in _context_providers:
        context.update(provider(index_page, network))
    return context
