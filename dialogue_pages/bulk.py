"""Writing imported dialogues fast: bulk inserts with correct tree paths, revisions and links.

Creating pages one by one through Wagtail's tree API costs dozens of queries each. Here new
pages of one parent are inserted in batches with the tree paths, depth and ``numchild``
treebeard would compute, a revision each (so they are editable and publishable like any
page), their many-to-many links and tags, Wagtail's reference index, and — once the
transaction commits — their read-model rows and search documents. Dialogues imported
before (same ``external_id``) are updated through the normal revision path instead.
"""

import datetime
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import timezone
from taggit.models import Tag
from wagtail.blocks import StreamValue
from wagtail.models import Locale, Page, ReferenceIndex, Revision

from .importing import ImportLine
from .ladders import ParticipationRung
from .pages import ConsultedBody, DialoguePage, DialoguePageTag
from .snippets import Area, Contact, Method, Organisation, TargetGroup

BATCH = 200


@dataclass
class ImportResult:
    """What an import did."""

    created: list[int] = field(default_factory=list)
    updated: list[int] = field(default_factory=list)
    # the created pages, still in memory with their relations and stream values
    created_pages: list[DialoguePage] = field(default_factory=list)
    # ids of the snippets created for the lines, by model label ("dialogue_pages.organisation")
    created_snippets: dict[str, list[int]] = field(default_factory=dict)


class SnippetResolver:
    """Finds or creates the organisations, areas, groups, methods, contacts and tags lines refer to."""

    def __init__(self, items: list[ImportLine], locales: dict[str, Locale]) -> None:
        self.locales = locales
        self.created: dict[str, list[int]] = {}  # model label -> ids of the snippets created here
        self.organisations = self._named(Organisation, items, "organisers", extra=("kind", "website"))
        self.target_groups = self._named(TargetGroup, items, "target_groups")
        self.methods = self._named(Method, items, "methods", extra=("description",))
        self.areas = self._named(Area, items, "areas", extra=("kind",))
        self.contacts = self._contacts(items)
        self.tags = self._tags(items)
        self.rungs = ParticipationRung.objects.select_related("ladder", "locale").in_bulk(
            {item.rung_id for item in items if item.rung_id}
        )

    def _named(self, model, items, member: str, extra: tuple[str, ...] = ()) -> dict[tuple[str, str], Any]:
        wanted: dict[tuple[str, str], dict] = {}
        for item in items:
            for entry in item.data.get(member) or []:
                wanted.setdefault((item.locale, entry["slug"]), entry)
        found = {
            (obj.locale.language_code, obj.slug): obj
            for obj in model.objects.filter(slug__in={slug for _l, slug in wanted}).select_related("locale")
        }
        missing = [
            model(locale=self.locales[locale], slug=slug, name=entry["name"],
                  **{key: entry[key] for key in extra if entry.get(key) is not None})
            for (locale, slug), entry in wanted.items() if (locale, slug) not in found
        ]
        for obj in model.objects.bulk_create(missing, batch_size=BATCH):
            found[(obj.locale.language_code, obj.slug)] = obj
        self.record(model, missing)
        return found

    def record(self, model, created: list) -> None:
        if created:
            self.created.setdefault(model._meta.label_lower, []).extend(obj.pk for obj in created)

    def _contacts(self, items: list[ImportLine]) -> dict[tuple[str, str], Contact]:
        wanted: dict[tuple[str, str], dict] = {}
        for item in items:
            for entry in self.contact_entries(item):
                wanted.setdefault(self.contact_key(entry), entry)
        known = Contact.objects.filter(name__in={name for name, _email in wanted}).select_related("organisation")
        found = {(contact.name, contact.email): contact for contact in known}
        organisations_by_name = {org.name: org for org in Organisation.objects.all()}
        missing = [
            Contact(
                name=entry["name"], role=entry.get("role") or "", phone=entry.get("phone") or "",
                email=entry.get("email") or "", organisation=organisations_by_name.get(entry.get("organisation") or ""),
            )
            for key, entry in wanted.items() if key not in found
        ]
        for contact in Contact.objects.bulk_create(missing, batch_size=BATCH):
            found[(contact.name, contact.email)] = contact
        self.record(Contact, missing)
        return found

    @staticmethod
    def contact_key(entry: dict) -> tuple[str, str]:
        return entry["name"], entry.get("email") or ""

    @staticmethod
    def contact_entries(item: ImportLine) -> Iterable[dict]:
        yield from item.data.get("contacts") or []
        for child in item.streams.get("body", []):
            if child["type"] == "contact" and child["value"].get("contact_ref"):
                yield child["value"]["contact_ref"]

    def _tags(self, items: list[ImportLine]) -> dict[str, Tag]:
        names = {name for item in items for name in item.data.get("tags") or []}
        found = {tag.name: tag for tag in Tag.objects.filter(name__in=names)}
        taken_slugs = set(Tag.objects.values_list("slug", flat=True))
        missing = []
        for name in sorted(names - set(found)):
            tag = Tag(name=name)
            tag.slug = unique_slug(tag.slugify(name), taken_slugs)
            missing.append(tag)
        for tag in Tag.objects.bulk_create(missing, batch_size=BATCH):
            found[tag.name] = tag
        return found


def unique_slug(base: str, taken: set[str]) -> str:
    """``base``, or ``base-2``, ``base-3``… whichever is free; records it as taken."""
    base = base or "dialog"
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base[: 250]}-{number}"
    taken.add(slug)
    return slug


def build_page(item: ImportLine, snippets: SnippetResolver, locale: Locale) -> DialoguePage:
    """An unsaved dialogue page with every field, relation and stream of the line set in memory."""
    data = item.data
    place = data.get("place") or {}
    hearing = data.get("hearing")
    streams = {name: stream_value(name, item, snippets) for name in item.blocks}
    page = DialoguePage(
        title=data["title"], draft_title=data["title"], slug=item.slug, locale=locale,
        intro=data["intro"], easy_read_summary=data.get("easy_read_summary") or "",
        purpose=data.get("purpose") or "", can_influence=data.get("can_influence") or "",
        cannot_influence=data.get("cannot_influence") or "", seo_title=data.get("seo_title") or "",
        search_description=data.get("search_description") or "",
        rung=snippets.rungs.get(item.rung_id), rung_explanation=data.get("rung_explanation") or "",
        place_name=place.get("name") or "", latitude=decimal(place.get("latitude")),
        longitude=decimal(place.get("longitude")), start_date=date(data.get("start")), end_date=date(data.get("end")),
        **record_fields(data), legal_basis=data.get("legal_basis") or "",
        is_formal_hearing=bool(hearing), hearing_deadline=date((hearing or {}).get("deadline")),
        timeline=streams.get("timeline", []), feedback=streams.get("feedback", []), body=streams.get("body", []),
        external_id=item.external_id,
    )
    page.organisers = [snippets.organisations[(item.locale, e["slug"])] for e in data.get("organisers") or []]
    page.target_groups = [snippets.target_groups[(item.locale, e["slug"])] for e in data.get("target_groups") or []]
    page.methods = [snippets.methods[(item.locale, e["slug"])] for e in data.get("methods") or []]
    page.areas = [snippets.areas[(item.locale, e["slug"])] for e in data.get("areas") or []]
    page.contacts = [snippets.contacts[snippets.contact_key(e)] for e in data.get("contacts") or []]
    page.consulted_bodies = [
        ConsultedBody(name=body["name"], response_url=body.get("response_url") or "", sort_order=position)
        for position, body in enumerate((hearing or {}).get("bodies") or [])
    ]
    page.tags.add(*[snippets.tags[name] for name in dict.fromkeys(data.get("tags") or [])])
    page.wagtail_admin_comments = []  # a new page has none: saves a query in each revision and reference scan
    page.update_derived_fields()
    return page


def record_fields(data: dict[str, Any]) -> dict[str, Any]:
    """The participation window, decision record, feedback plan and cancellation of an import line."""
    participation = data.get("participation") or {}
    decision = data.get("decision") or {}
    cancellation = data.get("cancellation")
    return {
        "input_opens": date(participation.get("opens")), "input_closes": date(participation.get("closes")),
        "participation_channel": participation.get("channel") or "",
        "participation_url": participation.get("url") or "", "participation_place": participation.get("place") or "",
        "decision_body": decision.get("body") or "", "decision_date": date(decision.get("date")),
        "decision_url": decision.get("url") or "", "decision_summary": decision.get("summary") or "",
        "feedback_plan": data.get("feedback_plan") or "",
        "is_cancelled": cancellation is not None, "cancellation_reason": (cancellation or {}).get("reason") or "",
    }


def date(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def decimal(value: float | None) -> Decimal | None:
    return Decimal(str(round(value, 6))) if value is not None else None


def stream_value(name: str, item: ImportLine, snippets: SnippetResolver) -> StreamValue:
    """The stream ``name`` of a line from its cleaned blocks, with its contact blocks now resolved."""
    stream_block = DialoguePage._meta.get_field(name).stream_block
    children = []
    for (kind, value, block_id), raw in zip(item.blocks[name], item.streams[name], strict=True):
        if kind == "contact":
            reference = raw["value"].get("contact_ref")
            contact = snippets.contacts.get(snippets.contact_key(reference)) if reference else None
            block = stream_block.child_blocks[kind]
            value = block.meta.value_class(block, [("heading", raw["value"].get("heading", "")), ("contact", contact)])
        children.append((kind, value, block_id))
    return StreamValue(stream_block, children)


def insert_pages(pages: list[DialoguePage], parent: Page, publish: bool) -> None:
    """Insert new children of ``parent``: Page rows, dialogue rows, revisions, relations."""
    now = timezone.now()
    content_type = ContentType.objects.get_for_model(DialoguePage)
    page_type = ContentType.objects.get_for_model(Page)
    depth = parent.depth + 1
    siblings = Page.objects.filter(path__startswith=parent.path, depth=depth)
    last_path = siblings.order_by("-path").values_list("path", flat=True).first()
    position = Page._str2int(last_path[-Page.steplen:]) if last_path else 0
    taken = set(siblings.values_list("slug", flat=True))
    for page in pages:
        position += 1
        page.slug = unique_slug(page.slug, taken)
        page.path = Page._get_path(parent.path, depth, position)
        page.depth, page.numchild = depth, 0
        page.url_path = f"{parent.url_path}{page.slug}/"
        page.content_type = content_type
        page.translation_key = uuid.uuid4()
        page.live = publish
        page.has_unpublished_changes = not publish
        page.first_published_at = page.last_published_at = now if publish else None
        page.latest_revision_created_at = now
    for start in range(0, len(pages), BATCH):
        batch = pages[start: start + BATCH]
        base_rows = Page.objects.bulk_create([Page(**page_fields(page)) for page in batch])
        for page, row in zip(batch, base_rows, strict=True):
            page.pk = page.id = page.page_ptr_id = row.pk
        local_fields = [f for f in DialoguePage._meta.local_concrete_fields]
        DialoguePage._base_manager._insert(batch, fields=local_fields, using="default")
        revisions = Revision.objects.bulk_create([
            Revision(
                content_type=content_type, base_content_type=page_type, object_id=str(page.pk),
                content=page.serializable_data(), object_str=page.title, created_at=now,
            )
            for page in batch
        ])
        for page, revision in zip(batch, revisions, strict=True):
            page.latest_revision = revision
            page.live_revision = revision if publish else None
        point_at_revisions(batch)
        insert_relations(batch)
    # Counted from the paths: treebeard's get_children() trusts the numchild being fixed here.
    children = Page.objects.filter(path__startswith=parent.path, depth=depth).count()
    Page.objects.filter(pk=parent.pk).update(numchild=children)


def point_at_revisions(pages: list[DialoguePage]) -> None:
    """Set the latest and live revision of pages (one prepared UPDATE per page: cheaper than a CASE over all)."""
    table = connection.ops.quote_name(Page._meta.db_table)
    with connection.cursor() as cursor:
        cursor.executemany(
            f"UPDATE {table} SET latest_revision_id = %s, live_revision_id = %s WHERE id = %s",
            [(page.latest_revision_id, page.live_revision_id, page.pk) for page in pages],
        )


def page_fields(page: DialoguePage) -> dict[str, Any]:
    return {
        field.attname: getattr(page, field.attname) for field in Page._meta.concrete_fields if field.attname != "id"
    }


def insert_relations(pages: list[DialoguePage]) -> None:
    """The many-to-many links, tags and consulted bodies of freshly inserted pages."""
    for name in ("organisers", "target_groups", "methods", "contacts", "areas"):
        through = DialoguePage._meta.get_field(name).remote_field.through
        source, target = through_columns(through, DialoguePage)
        through.objects.bulk_create(
            [through(**{source: page.pk, target: obj.pk}) for page in pages for obj in getattr(page, name).all()],
            batch_size=BATCH,
        )
    # The in-memory child objects themselves are saved, so they get their ids (the reference index
    # records tags by the id of the tagged item).
    tagged_items, bodies = [], []
    for page in pages:
        for item in page.dialogue_tagged_items.all():
            item.content_object_id = page.pk
            tagged_items.append(item)
        for body in page.consulted_bodies.all():
            body.page_id = page.pk
            bodies.append(body)
    DialoguePageTag.objects.bulk_create(tagged_items, batch_size=BATCH)
    ConsultedBody.objects.bulk_create(bodies, batch_size=BATCH)


def through_columns(through, model) -> tuple[str, str]:
    """The attnames of the two foreign keys of an automatic many-to-many table."""
    source = next(f.attname for f in through._meta.fields if f.is_relation and f.related_model is model)
    target = next(
        f.attname for f in through._meta.fields
        if f.is_relation and f.related_model is not model and f.attname != "id"
    )
    return source, target


def update_page(page: DialoguePage, fresh: DialoguePage, publish: bool) -> None:
    """Copy the imported content onto an existing page as a new revision (published if asked)."""
    for field_ in DialoguePage._meta.local_concrete_fields:
        if field_.attname not in {"page_ptr_id", "external_id"}:
            setattr(page, field_.attname, getattr(fresh, field_.attname))
    page.title, page.draft_title = fresh.title, fresh.title
    for name in ("organisers", "target_groups", "methods", "contacts", "areas"):
        setattr(page, name, list(getattr(fresh, name).all()))
    page.consulted_bodies = [
        ConsultedBody(name=body.name, response_url=body.response_url, sort_order=body.sort_order)
        for body in fresh.consulted_bodies.all()
    ]
    page.tags.set(list(fresh.tags.all()))
    revision = page.save_revision()
    if publish:
        revision.publish()


def write(
    items: list[ImportLine],
    parents: dict[str, Page],
    publish: bool,
) -> ImportResult:
    """Create or update the dialogues of ``items`` under the parent of each line's locale.

    Two short write transactions: one finds or creates the snippets the lines refer to, the
    other writes the pages. Building the pages in between takes no lock, so other import
    workers can write meanwhile.
    """
    result = ImportResult()
    locales = {locale.language_code: locale for locale in Locale.objects.all()}
    parent_ids = sorted({parents[item.locale].pk for item in items})
    with transaction.atomic():
        lock_parents(parent_ids)
        snippets = SnippetResolver(items, locales)
    result.created_snippets = snippets.created
    existing = {
        page.external_id: page
        for page in DialoguePage.objects.filter(external_id__in=[item.external_id for item in items])
    }
    built = [(item, build_page(item, snippets, locales[item.locale])) for item in items]
    with transaction.atomic():
        lock_parents(parent_ids)
        new_by_parent: dict[int, list[DialoguePage]] = {}
        for item, fresh in built:
            if item.external_id in existing:
                update_page(existing[item.external_id], fresh, publish)
                result.updated.append(existing[item.external_id].pk)
            else:
                new_by_parent.setdefault(parents[item.locale].pk, []).append(fresh)
        for parent_id, pages in new_by_parent.items():
            insert_pages(pages, Page.objects.get(pk=parent_id), publish)
            result.created += [page.pk for page in pages]
            result.created_pages += pages
    # Found outside the write transaction (the tagged items have their ids now), written in a short one.
    references = reference_rows(result.created_pages)
    with transaction.atomic():
        ReferenceIndex.objects.bulk_create(references, ignore_conflicts=True, batch_size=BATCH)
    return result


def lock_parents(parent_ids: list[int]) -> None:
    """Make other writers importing under the same parents wait until this transaction ends.

    Tree paths and new snippets are allocated by reading what exists, so two import workers must
    not do it at once. On PostgreSQL this locks the parent rows; SQLite has one writer anyway
    (its write transactions begin IMMEDIATE, see the settings).
    """
    list(Page.objects.select_for_update().filter(pk__in=parent_ids).order_by("pk").values_list("pk", flat=True))


def reference_rows(pages: list[DialoguePage]) -> list[ReferenceIndex]:
    """Wagtail's reference index rows of freshly inserted pages.

    What ``ReferenceIndex.create_or_update_for_object`` writes for a page, without its per-page
    look-up of existing rows (a new page has none).
    """
    content_type = ContentType.objects.get_for_model(DialoguePage)
    base_content_type = ContentType.objects.get_for_model(Page)
    return [
        ReferenceIndex(
            content_type=content_type, base_content_type=base_content_type, object_id=str(page.pk),
            to_content_type_id=to_content_type_id, to_object_id=to_object_id, model_path=model_path,
            content_path=content_path, content_path_hash=ReferenceIndex._get_content_path_hash(content_path),
        )
        for page in pages
        for to_content_type_id, to_object_id, model_path, content_path
        in set(ReferenceIndex._extract_references_from_object(page))
    ]
