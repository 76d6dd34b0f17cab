// The body editor's newsroom buttons, loaded by django-prose-editor as an
// extension module (articles/editor_extensions.py): insert one of this
// article's images as a figure, and link the selected words to one of our
// own articles. Both ask the desk for JSON (articles/admin_workflow.py).
import { Extension, gettext, updateAttrsDialog } from "django-prose-editor/editor";

function getJSON(url) {
  return fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
    .then((response) => (response.ok ? response.json() : Promise.reject(response.status)));
}

// The change page is …/article/<id>/change/; its images are at …/article/<id>/body-images/.
function imagesUrl() {
  return /\/\d+\/change\/$/.test(window.location.pathname) ? new URL("../body-images/", window.location.href) : null;
}

async function choose(editor, title, label, items) {
  const labels = items.map((item) => item.label);
  const picked = await updateAttrsDialog({ choice: { title: label, enum: labels } }, { title, submitText: gettext("Insert") })(
    editor, { choice: labels[0] },
  );
  return picked ? items[labels.indexOf(picked.choice)] : null;
}

function say(editor, title, message) {
  return updateAttrsDialog({}, { title: `${title}: ${message}`, submitText: gettext("OK") })(editor, {});
}

async function insertImage(editor) {
  const title = gettext("Insert one of this article's images");
  const url = imagesUrl();
  if (!url) { return say(editor, title, gettext("save the article with its images first.")); }
  const { images } = await getJSON(url);
  if (!images.length) { return say(editor, title, gettext("add images under “Images” below and save first.")); }
  const image = await choose(editor, title, gettext("Image"), images);
  if (image) { editor.chain().focus().insertContent(image.html).run(); }
}

async function linkArticle(editor) {
  const title = gettext("Link to one of our articles");
  const asked = await updateAttrsDialog(
    { q: { title: gettext("Words from its title"), required: true } }, { title, submitText: gettext("Search") },
  )(editor, { q: editor.state.doc.textBetween(editor.state.selection.from, editor.state.selection.to, " ") });
  if (!asked) { return; }
  const search = new URL(editor.storage.newsroomInsert.linksUrl, window.location.href);
  search.searchParams.set("q", asked.q);
  const { results } = await getJSON(search);
  if (!results.length) { return say(editor, title, gettext("no published article matches.")); }
  const article = await choose(editor, title, gettext("Article"), results);
  if (article) { editor.chain().focus().extendMarkRange("link").setLink({ href: article.url }).run(); }
}

export const NewsroomInsert = Extension.create({
  name: "newsroomInsert",

  addOptions() {
    return { linksUrl: "/admin/articles/article/link-search/" };
  },

  addStorage() {
    return { linksUrl: this.options.linksUrl };
  },

  addMenuItems({ menu, buttons }) {
    menu.defineItem({
      name: "newsroomImage",
      groups: "nodes",
      button: buttons.material("add_photo_alternate", gettext("Insert one of this article's images")),
      command: insertImage,
    });
    menu.defineItem({
      name: "newsroomLink",
      groups: "link",
      button: buttons.material("article", gettext("Link to one of our articles")),
      command: linkArticle,
      enabled: (editor) => !editor.state.selection.empty,
    });
  },
});
