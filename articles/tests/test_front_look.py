"""The front and article pages a newsroom would ship: pictures, the latest headlines, dates, whole names."""

import re

from articles.templatetags.headlines import keep_names_whole, newest_of


def test_the_front_page_leads_with_a_picture_from_the_renditions(client, demo):
    page = client.get("/").content.decode()
    lead = page.split('<section class="lead-story"')[1].split("</section>")[0]
    image = re.search(r'<img class="card-image"[^>]*>', lead).group()
    assert "demo/tokayev-elected-president-480w.jpg 480w" in image
    assert "-1200w.jpg 1200w" in image
    assert 'fetchpriority="high"' in image
    assert 'loading="lazy"' not in image


def test_cards_below_the_lead_load_their_pictures_lazily(client, demo):
    page = client.get("/").content.decode()
    sections = page.split('<section class="home-section"')[1]
    images = re.findall(r'<img class="card-image"[^>]*>', sections)
    assert images
    assert all('loading="lazy"' in image and "480w" in image for image in images)


def test_the_front_page_lists_the_latest_headlines_with_their_dates(client, demo):
    page = client.get("/").content.decode()
    latest = page.split('<section class="latest"')[1].split("</section>")[0]
    titles = re.findall(r'<a href="/news/([^/]+)/">', latest)
    assert titles == [
        "tokayev-cancels-2024-astana-international-forum",
        "kazakhstan-celebrates-gratitude-day",
        "reduction-in-visa-appointment-wait-times-for-pakistani-citizens",
    ]
    assert latest.count("<time datetime=") == 3


def test_the_latest_are_the_newest_across_sections(make_article):
    older, newest, middle = (make_article(title=title) for title in ("a", "b", "c"))
    groups = [("one", [newest, older]), ("two", [middle])]
    newest.publish_at, middle.publish_at = older.publish_at.replace(year=2030), older.publish_at.replace(year=2029)
    assert newest_of(groups, 2) == [newest, middle]


def test_related_posts_show_their_dates(client, demo):
    page = client.get(demo.get_absolute_url()).content.decode()
    related = page.split('<section class="related"')[1].split("</section>")[0]
    assert related.count('<time datetime="2024-') == 3


def test_hyphenated_names_are_kept_whole_and_the_rest_escaped():
    assert keep_names_whole("Kassym-Jomart Tokayev <b>wins</b>") == (
        '<span class="nobreak">Kassym-Jomart</span> Tokayev &lt;b&gt;wins&lt;/b&gt;'
    )
    # A very long compound may break rather than run off a phone's screen.
    assert "nobreak" not in keep_names_whole("Llanfairpwllgwyngyll-gogerychwyrndrobwll")


def test_the_article_headline_keeps_the_name_whole(client, demo):
    page = client.get(demo.get_absolute_url()).content.decode()
    assert '<h1><span class="nobreak">Kassym-Jomart</span> Tokayev Elected President</h1>' in page
