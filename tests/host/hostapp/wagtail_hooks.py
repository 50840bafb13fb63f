"""The host adds a poll-result block to every dialogue body."""

from wagtail import blocks, hooks


class PollResultBlock(blocks.StructBlock):
    """The result of a quick poll among participants."""

    question = blocks.CharBlock()
    yes = blocks.IntegerBlock(min_value=0)
    no = blocks.IntegerBlock(min_value=0)

    api_schema = {
        "title": "PollResult",
        "type": "object",
        "properties": {"question": {"type": "string"}, "yes": {"type": "integer"}, "no": {"type": "integer"},
                       "share_yes": {"type": "number"}},
        "required": ["question", "yes", "no", "share_yes"],
        "additionalProperties": False,
    }

    def get_api_representation(self, value, context=None):
        total = value["yes"] + value["no"]
        return {"question": value["question"], "yes": value["yes"], "no": value["no"],
                "share_yes": round(value["yes"] / total, 3) if total else 0.0}


@hooks.register("register_dialogue_blocks")
def poll_result_block():
    return [("poll_result", PollResultBlock())]
