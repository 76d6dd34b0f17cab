"""Load the demo: the Tokayev election article and everything its page shows.

It spans all three apps (articles, their election, their replies), so it lives
in the project package, the one place allowed to import them all.

Every figure is typed once, in ELECTION and RESULTS below; the article's
prose, the results block and the statements' attributions all come from them.
Running the command again changes nothing.
"""

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.html import escape

from articles.models import Article, ArticleStatement, Author, Section, Tag
from comments.models import Comment
from comments.moderation import fingerprint
from elections.models import Candidate, Election, Result, Statement
from elections.recording import FiguresRefused, record_figures
from newsroom import demo_images, demo_regions

ALMATY = ZoneInfo("Asia/Almaty")

ELECTION = {
    "slug": "kazakhstan-presidential-election-2022",
    "name": "Presidential election in Kazakhstan, 2022",
    "country": "Kazakhstan",
    "kind": Election.Kind.PRESIDENTIAL,
    "date": dt.date(2022, 11, 20),
    "authority_name": "Central Election Commission",
    "authority_short_name": "CEC",
    "status": Election.Status.PRELIMINARY,
    # The CEC's shares are of valid votes, "against all" included; a candidate
    # needs more than half of them to win without a runoff.
    "share_basis": Election.ShareBasis.VALID_VOTES,
    "runoff_threshold": Decimal("50"),
    "ballots_cast": 8_300_046,
    "turnout_reported": Decimal("69.44"),
    "polling_stations": 10_101,
    "polling_stations_abroad": 68,
    "diplomatic_missions": 53,
    "observers": 641,
    "accredited_journalists": 254,
    "term_years": 7,
    "announced_at": dt.datetime(2022, 11, 21, 10, 0, tzinfo=ALMATY),
}

# (candidate name or None for "against all", percent)
RESULTS = [
    ("Kassym-Jomart Tokayev", Decimal("81.31")),
    ("Zhiguli Dairabayev", Decimal("3.42")),
    ("Karakat Abden", Decimal("2.60")),
    ("Meiram Kazhyken", Decimal("2.53")),
    ("Nurlan Auesbayev", Decimal("2.22")),
    ("Saltanat Tursynbekova", Decimal("2.12")),
    (None, Decimal("5.8")),
]

STATEMENTS = [
    (
        "Zhiguli Dairabayev",
        Statement.Manner.SAID,
        "I congratulate Kassym-Jomart Tokayev on winning the election. I am sure that he will serve for the "
        "benefit of the people,",
    ),
    (
        "Saltanat Tursynbekova",
        Statement.Manner.SAID,
        "Kassym-Jomart Kemelevich, I congratulate you with all my heart on your victory. Furthermore, I wish you "
        "success in the implementation of all your plans! For my part, I am ready to support you,",
    ),
    (
        "Karakat Abden",
        Statement.Manner.INSTAGRAM,
        "It is a great responsibility to rule the country. I wish Kassym-Zhomart Kemelevich on this path endless "
        "inspiration and great vitality,",
    ),
    (
        "Meiram Kazhyken",
        Statement.Manner.SAID,
        "Kassym-Jomart Tokayev was elected President of Kazakhstan. Congratulations! I congratulate all "
        "presidential candidates. The President received a credit of trust but also a huge responsibility for "
        "the future of Kazakhstan,",
    ),
    (
        "Nurlan Auesbayev",
        Statement.Manner.SAID,
        "I hope that the President will do everything for the comfortable life of citizens and the prosperity of "
        "our country. We, as an opposition party, are always ready for dialogue,",
    ),
]

RELATED = [
    {
        "slug": "tokayev-cancels-2024-astana-international-forum",
        "title": "President Tokayev Cancels 2024 Astana International Forum Amidst Massive Flood.",
        "dateline": "",
        "summary": "ASTANA – In an unexpected move, President Kassym-Jomart Tokayev has announced the cancellation "
        "of the Astana International Forum (AIF) scheduled for June…",
        "publish_at": dt.datetime(2024, 4, 5, 12, 0, tzinfo=ALMATY),
        "lead_image_alt": "Illustration: bands of blue and grey water with pale discs",
    },
    {
        "slug": "kazakhstan-celebrates-gratitude-day",
        "title": "Kazakhstan Celebrates Gratitude Day, To Value Multi-Ethnic Diversity",
        "dateline": "",
        "summary": "ASTANA: Kazakhstan celebrates Gratitude Day on March 1, emphasizing the importance of fostering "
        "unity among its diverse population. This day serves as an…",
        "publish_at": dt.datetime(2024, 3, 1, 12, 0, tzinfo=ALMATY),
        "lead_image_alt": "Illustration: warm overlapping circles in many colours",
    },
    {
        "slug": "reduction-in-visa-appointment-wait-times-for-pakistani-citizens",
        "title": "Reduction in Visa Appointment Wait Times for Pakistani Citizens.",
        "dateline": "",
        "summary": "Demand for U.S. visas is the highest it has ever been. We are processing more visa applications "
        "than ever before and are…",
        "publish_at": dt.datetime(2024, 2, 20, 12, 0, tzinfo=ALMATY),
        "lead_image_alt": "Illustration: green and grey stripes and stamps",
    },
]

# (seed, colours) of each related article's abstract illustration, in RELATED's order.
RELATED_ART = [
    (1, [(20, 52, 89), (64, 120, 173), (142, 182, 214), (222, 232, 240)]),
    (2, [(250, 240, 222), (214, 96, 62), (240, 176, 64), (92, 140, 98), (150, 60, 110)]),
    (3, [(228, 234, 226), (46, 94, 70), (120, 130, 128), (176, 196, 160)]),
]
ILLUSTRATION_CREDIT = "Illustration drawn by the Newsroom demo, not a photograph"
# When the demo's articles were last changed: fixed, so that their dates are the same on every machine.
MAIN_UPDATED_AT = dt.datetime(2022, 11, 21, 18, 30, tzinfo=ALMATY)

REPLIES = [
    (
        "Aigerim",
        "aigerim@example.com",
        "A clear summary of the results, thank you. Will you publish the final figures too?",
    ),
    ("Daniyar", "daniyar@example.com", "Turnout was lower than in 2019. It would be good to see it by region."),
]


def percent_with_comma(value: Decimal) -> str:
    """Shares as the seed's prose writes them: "81,31", "5,8"."""
    return str(value).replace(".", ",")


def spaced(number: int) -> str:
    """Thousands as the seed's prose writes them: "8 300 046"."""
    return f"{number:,}".replace(",", " ")


def lead_paragraphs(election: Election, results: list[tuple[str | None, Decimal]]) -> list[str]:
    """The figure-bearing paragraphs of the article, written from the data."""
    (winner, winner_share), *others = results
    others_text = ", ".join(f"{name or 'against all'} – {percent_with_comma(share)} %" for name, share in others)
    return [
        f"{winner} has won the presidential election in Kazakhstan after receiving "
        f"{percent_with_comma(winner_share)} % of the vote. This was announced by the {election.authority_name} "
        f"({election.authority_short_name}) today after the votes were counted. According to the preliminary "
        f"results, other candidates received votes as follows: {others_text}.",
        f"According to the {election.authority_short_name}, {spaced(election.ballots_cast)} citizens cast their "
        f"ballot, a turnout of {election.turnout_reported}%. Voting took place at {election.polling_stations:,} "
        f"polling stations across the country, including {election.polling_stations_abroad} polling stations "
        f"at {election.diplomatic_missions} diplomatic missions of Kazakhstan around the world.",
        f"The election was monitored by {election.observers} observers from international organisations and "
        "foreign states. Commenting on the election process, foreign observers noted the high organisational "
        "level of the election. No violations in the conduct of the election were reported by the observers. "
        f"The election was also covered by {election.accredited_journalists} foreign journalists who received "
        "accreditation.",
    ]


CLOSING_PARAGRAPHS = [
    "Speaking yesterday after casting his ballot, Kassym-Jomart Tokayev said that if elected, “the government "
    "will remain in office, but point-by-point changes in the composition of the government and other agencies "
    "will of course take place.” He also noted that he would announce the date of parliamentary elections at "
    "the end of the year.",
    "In line with recent constitutional changes, President Tokayev will serve a {term}-year term without the "
    "right to re-election. Answering a question yesterday from a journalist on whether seven years would be "
    "enough to fulfil all the promises to the people, Tokayev said: “I believe that seven years will be enough, "
    "because this is a long time in the life of any person. The most important thing is that there will be no "
    "monopoly on power in our country.”",
    "This was the seventh presidential election in Kazakhstan since the country’s independence in 1991.",
    "The other presidential candidates congratulated Kassym-Jomart Tokayev on his election victory following "
    "the announcement of the exit poll results on Nov. 21.",
]


class Command(BaseCommand):
    help = "Load the demo content (the Tokayev election article). Safe to run again: it changes nothing."

    @transaction.atomic
    def handle(self, *args, **options):
        section, _ = Section.objects.get_or_create(slug="politics", defaults={"name": "Politics", "position": 1})
        world, _ = Section.objects.get_or_create(slug="world", defaults={"name": "World", "position": 2})
        author, _ = Author.objects.get_or_create(
            slug="staff-correspondent", defaults={"name": "Staff Correspondent", "bio": "Reporting from Astana."}
        )
        tag, _ = Tag.objects.get_or_create(slug="kazakhstan", defaults={"name": "Kazakhstan"})
        election = self._load_election()
        demo_regions.load()
        article = self._load_article(section, author, tag, election)
        self._load_related(article, section, world, author, tag)
        self._load_replies(article)
        self.stdout.write(self.style.SUCCESS(f"Demo content ready: {article.get_absolute_url()}"))

    def _load_election(self) -> Election:
        fields = {key: value for key, value in ELECTION.items() if key != "slug"}
        election, created = Election.objects.get_or_create(slug=ELECTION["slug"], defaults=fields)
        for position, (name, percent) in enumerate(RESULTS):
            if name is None:
                Result.objects.get_or_create(
                    election=election,
                    option=Result.Option.AGAINST_ALL,
                    defaults={"percent": percent, "position": position},
                )
                continue
            candidate, _ = Candidate.objects.get_or_create(name=name, defaults={"slug": ""})
            Result.objects.get_or_create(
                election=election, candidate=candidate, defaults={"percent": percent, "position": position}
            )
        for name, manner, text in STATEMENTS:
            Statement.objects.get_or_create(
                election=election,
                candidate=Candidate.objects.get(name=name),
                defaults={"text": text, "manner": manner, "made_at": election.announced_at},
            )
        try:
            record_figures(election=election)
        except FiguresRefused as refused:
            # The demo is the reference page: figures that contradict each other are a bug here.
            raise CommandError(str(refused)) from None
        return election

    def _load_article(self, section, author, tag, election) -> Article:
        paragraphs = lead_paragraphs(election, RESULTS) + [
            text.format(term=election.term_years) for text in CLOSING_PARAGRAPHS
        ]
        article, created = Article.objects.get_or_create(
            slug="tokayev-elected-president",
            defaults={
                "title": "Kassym-Jomart Tokayev Elected President",
                "dateline": "Astana",
                "summary": "Kassym-Jomart Tokayev has won the presidential election in Kazakhstan, the Central "
                "Election Commission announced after the votes were counted.",
                "body": "".join(f"<p>{escape(paragraph)}</p>" for paragraph in paragraphs),
                "section": section,
                "status": Article.Status.PUBLISHED,
                "publish_at": dt.datetime(2022, 11, 21, 14, 0, tzinfo=ALMATY),
                "election": election,
                "featured": True,
            },
        )
        if created:
            shares = [share for _name, share in RESULTS]
            name = demo_images.stored_illustration(article.slug, demo_images.results_bars(shares))
            _set_fixed(
                article,
                lead_image=name,
                lead_image_alt="Illustration: columns over a horizon, one for each candidate's share of the vote",
                lead_image_caption="The preliminary results, one column per candidate.",
                lead_image_credit=ILLUSTRATION_CREDIT,
                created_at=article.publish_at,
                updated_at=MAIN_UPDATED_AT,
            )
            article.authors.add(author)
            article.tags.add(tag)
            for position, (name, _manner, _text) in enumerate(STATEMENTS):
                statement = Statement.objects.get(election=election, candidate__name=name)
                ArticleStatement.objects.create(article=article, statement=statement, position=position)
        return article

    def _load_related(self, article, section, world, author, tag) -> None:
        for data, (seed, palette) in zip(RELATED, RELATED_ART, strict=True):
            related, created = Article.objects.get_or_create(
                slug=data["slug"],
                defaults={
                    **{key: value for key, value in data.items() if key != "lead_image_alt"},
                    "body": f"<p>{escape(data['summary'].rstrip('…'))}</p>",
                    "section": world if "visa" in data["slug"] else section,
                    "status": Article.Status.PUBLISHED,
                },
            )
            if created:
                name = demo_images.stored_illustration(related.slug, demo_images.abstract(seed, palette))
                _set_fixed(
                    related,
                    lead_image=name,
                    lead_image_alt=data["lead_image_alt"],
                    lead_image_credit=ILLUSTRATION_CREDIT,
                    created_at=related.publish_at,
                    updated_at=related.publish_at,
                )
                related.authors.add(author)
                related.tags.add(tag)
                article.related_articles.add(related)

    def _load_replies(self, article) -> None:
        for name, email, body in REPLIES:
            Comment.objects.get_or_create(
                article=article,
                fingerprint=fingerprint(article_id=article.pk, email=email, body=body),
                defaults={"name": name, "email": email, "body": body, "status": Comment.Status.APPROVED},
            )


def _set_fixed(article: Article, **fields) -> None:
    """Set fields that save() would not keep (its `updated_at` is always "now")."""
    Article.objects.filter(pk=article.pk).update(**fields)
    for field, value in fields.items():
        setattr(article, field, value)
