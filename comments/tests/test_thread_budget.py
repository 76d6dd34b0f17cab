"""What a page of the thread costs to build: templates and model instances, not clocks."""

import re

from django.db.models.signals import post_init

from comments.models import Comment


def test_a_reply_costs_no_template_of_its_own_and_no_model_instance(client, demo, make_reply):
    parents = [make_reply(body=f"Thought {n}", email=f"r{n}@example.com") for n in range(6)]
    for n, parent in enumerate(parents[:2]):
        make_reply(body=f"Answer {n}", email=f"a{n}@example.com", parent=parent)
    made = []

    def count(sender, instance, **kwargs):
        made.append(instance)

    post_init.connect(count, sender=Comment)
    try:
        response = client.get(demo.get_absolute_url())
    finally:
        post_init.disconnect(count, sender=Comment)

    names = [template.name for template in response.templates]
    shown = Comment.objects.approved().filter(article=demo)
    answered = shown.filter(pk__in=shown.values("parent_id")).count()
    assert len(re.findall(r'<li class="reply[^"]*" id="reply-\d+"', response.content.decode())) == shown.count() >= 8
    assert "comments/_reply.html" not in names
    # Once for the thread, once more under each reply that has answers: not once per reply.
    assert names.count("comments/_replies.html") == 1 + answered
    assert [instance for instance in made if instance.pk is not None] == []  # the form's blank one aside
