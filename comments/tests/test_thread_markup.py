"""The thread's markup, from templates: nesting, escaping, badges, translations."""

import re

from comments.models import Comment


def thread_of(page: str) -> str:
    return page.split('<ol class="reply-thread approved-thread">')[1].split('<div id="own-replies"')[0]


def test_replies_nest_in_order_inside_their_parents_item(client, demo, make_reply):
    first = make_reply(body="First", email="a@example.com")
    answer = make_reply(body="Answer", email="b@example.com", parent=first)
    deeper = make_reply(body="Deeper", email="c@example.com", parent=answer)
    second = make_reply(body="Second", email="d@example.com")

    thread = thread_of(client.get(demo.get_absolute_url()).content.decode())

    ids = [int(pk) for pk in re.findall(r'<li class="reply[^"]*" id="reply-(\d+)"', thread)]
    assert ids.index(first.pk) < ids.index(answer.pk) < ids.index(deeper.pk) < ids.index(second.pk)
    # The deeper answer closes inside its parent's item, which closes inside the first reply's.
    opened_first = thread.index(f'id="reply-{first.pk}"')
    opened_second = thread.index(f'id="reply-{second.pk}"')
    assert thread.count('<ol class="reply-thread">', opened_first, opened_second) == 2
    assert thread.count("</ol>", opened_first, opened_second) == 2
    assert thread.count("<li ") == thread.count("</li>")


def test_names_websites_and_bodies_stay_escaped(client, demo, make_reply):
    make_reply(
        name='<img src=x onerror="alert(1)">',
        email="h@example.com",
        website='https://example.org/?a=1&b="2"',
        body="<script>alert(2)</script> https://e.org/x",
    )
    page = client.get(demo.get_absolute_url()).content.decode()
    thread = thread_of(page)

    assert "<script>alert(2)" not in page
    assert "<img src=x" not in page
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in thread
    assert 'aria-label="Reply by &lt;img src=x onerror=&quot;alert(1)&quot;&gt;"' in thread
    assert 'data-reply-name="&lt;img src=x onerror=&quot;alert(1)&quot;&gt;"' in thread
    assert '<a href="https://example.org/?a=1&amp;b=&quot;2&quot;" rel="nofollow ugc noopener">' in thread
    assert '<a href="https://e.org/x" rel="nofollow ugc noopener">https://e.org/x</a>' in thread
    assert "h@example.com" not in page


def test_staff_and_featured_replies_carry_their_badges(client, demo, make_reply):
    staff = make_reply(body="From the desk", email="desk@example.com", is_staff_reply=True, is_featured=True)
    page = client.get(demo.get_absolute_url()).content.decode()
    assert f'<li class="reply reply-staff reply-featured" id="reply-{staff.pk}">' in page
    assert '<span class="badge">Staff</span>' in page
    assert '<span class="badge badge-featured">Featured</span>' in page
    assert f'<a class="reply-report" href="/comments/report/{staff.pk}/" rel="nofollow">Report</a>' in page


def test_closed_thread_has_no_reply_links(client, demo, make_reply):
    reply = make_reply()
    demo.comments_open = False
    demo.save()
    page = client.get(demo.get_absolute_url()).content.decode()
    assert f'id="reply-{reply.pk}"' in page
    assert 'class="reply-to"' not in page


def test_thread_is_translated(client, demo, make_reply):
    reply = make_reply(name="Aliya", status=Comment.Status.APPROVED)
    page = client.get(demo.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert 'aria-label="Ответ от Aliya"' in page
    assert f'data-reply-id="{reply.pk}" data-reply-name="Aliya">Ответить Aliya</a>' in page
