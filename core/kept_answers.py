"""Answers a server process works out often and keeps, within a bound.

For answers that depend only on their key but cannot be worked out from the key alone (so not
``functools.lru_cache``): a page's address needs the page, a picture's markup its renditions.
When the bound is reached every answer is forgotten at once and the next pages make again the
ones they need: cheaper on every request than keeping the order of use.
"""


class KeptAnswers:
    def __init__(self, limit):
        self.limit = limit
        self._answers = {}

    def get(self, key, work_out):
        """The answer kept under ``key``, else ``work_out()``, kept."""
        try:
            return self._answers[key]
        except KeyError:
            pass
        answer = work_out()
        if len(self._answers) >= self.limit:
            self._answers.clear()
        self._answers[key] = answer
        return answer

    def clear(self):
        self._answers.clear()

    def __len__(self):
        return len(self._answers)
