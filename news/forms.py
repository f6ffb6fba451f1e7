from home.base_page import BasePageForm


class StoryPageForm(BasePageForm):
    def _post_clean(self):
        # StoryPage.clean() requires a network, but modelcluster assigns ParentalManyToManyField
        # values only when the form saves, after model validation: without this, a new story
        # could never be saved from the admin. The assignment stays in memory until save.
        if "networks" in self.cleaned_data:
            self.instance.networks = self.cleaned_data["networks"]
        super()._post_clean()
