/* wfl-window-recovery.c: never lose work: drafts, files changed on disk,
 * and the window's banner that tells of them
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wfl-window"

#include "config.h"

#include <glib/gi18n.h>

#include "wfl-a11y.h"
#include "wfl-window-private.h"

/*
 * The banner under the header bar says one thing at a time, with up to
 * two buttons:
 *
 * - drafts of unsaved changes that a crash or a logout left behind (on the
 *   first window of a start): Restore or Discard;
 * - the document's file, changed or deleted by another program: Reload
 *   or Keep Mine (Save or Dismiss when deleted);
 * - a scenario too large for the memory to simulate (the document stays
 *   open, editable).
 *
 * An offer (drafts, file) replaces what is shown; the note about memory
 * shows when no offer does.
 */

static void update_results_banner (WflWindow *self);

/* Sets a banner button's mnemonic label; its accessible name is
 * repaired again, since the label changes after wfl_a11y_repair() saw
 * the button (GTK 4.8 would say "_Discard Discard"). */
static void
set_button_label (GtkButton  *button,
                  const char *label)
{
  gtk_button_set_label (button, label != NULL ? label : "");
  wfl_a11y_repair_button (button);
}

static void
show_banner (WflWindow       *self,
             WflBannerKind    kind,
             const char      *text,
             const char      *primary,
             const char      *secondary)
{
  self->banner_kind = kind;
  gtk_label_set_text (self->banner_label, text);
  set_button_label (self->banner_primary, primary);
  gtk_widget_set_visible (GTK_WIDGET (self->banner_primary), primary != NULL);
  set_button_label (self->banner_secondary, secondary);
  gtk_widget_set_visible (GTK_WIDGET (self->banner_secondary), secondary != NULL);
  if (kind == WFL_BANNER_TOO_LARGE)
    gtk_widget_add_css_class (GTK_WIDGET (self->banner), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->banner), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->banner), TRUE);
  gtk_revealer_set_reveal_child (self->banner, TRUE);
}

/* A banner slid away is hidden: its buttons are not there for the
 * keyboard or a screen reader. */
static void
child_revealed_cb (WflWindow *self)
{
  if (!gtk_revealer_get_child_revealed (self->banner) && !gtk_revealer_get_reveal_child (self->banner))
    gtk_widget_set_visible (GTK_WIDGET (self->banner), FALSE);
}

static void
hide_banner (WflWindow *self)
{
  self->banner_kind = WFL_BANNER_NONE;
  gtk_revealer_set_reveal_child (self->banner, FALSE);
  update_results_banner (self);
}

WflBannerKind
_wfl_window_get_banner (WflWindow  *self,
                        const char **text)
{
  if (text != NULL)
    *text = gtk_label_get_text (self->banner_label);
  return self->banner_kind;
}

/* Drafts ------------------------------------------------------------------- */

static char *
draft_name (const WflDraft *draft)
{
  if (draft->file != NULL)
    {
      g_autofree char *base = g_file_get_basename (draft->file);

      return g_strdup (base);
    }
  if (draft->title != NULL && draft->title[0] != '\0')
    return g_strdup (draft->title);
  return g_strdup (_("Untitled Scenario"));
}

void
wfl_window_offer_drafts (WflWindow *self,
                         GPtrArray *drafts)
{
  g_autofree char *text = NULL;

  g_return_if_fail (WFL_IS_WINDOW (self));

  if (drafts == NULL || drafts->len == 0)
    return;

  g_clear_pointer (&self->drafts, g_ptr_array_unref);
  self->drafts = g_ptr_array_ref (drafts);
  if (drafts->len == 1)
    {
      const WflDraft *draft = g_ptr_array_index (drafts, 0);
      g_autofree char *name = draft_name (draft);
      g_autoptr(GDateTime) local = g_date_time_to_local (draft->kept);
      /* Translators: a date and time, "7 Dec 2026, 14:05" */
      g_autofree char *when = g_date_time_format (local, _("%-d %b %Y, %H:%M"));

      /* Translators: the first %s is a file name or a scenario's title, the second a date and time */
      text = g_strdup_printf (_("Unsaved changes to “%s” from %s were kept when Waferline ended unexpectedly."),
                              name, when);
    }
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "Unsaved changes to %u scenario were kept when Waferline ended unexpectedly.",
                                         "Unsaved changes to %u scenarios were kept when Waferline ended unexpectedly.",
                                         drafts->len),
                            drafts->len);
  show_banner (self, WFL_BANNER_DRAFTS, text, _("_Restore"), _("_Discard"));
}

static gboolean
is_pristine (WflWindow *self)
{
  return !wfl_document_get_modified (self->document) && !wfl_document_get_busy (self->document) &&
         wfl_document_get_file (self->document) == NULL;
}

/* Where a draft goes: the window showing its file unchanged, else this
 * window when it shows nothing of the user's yet, else a new one. */
static WflWindow *
window_for_draft (WflWindow      *self,
                  const WflDraft *draft,
                  gboolean        this_one_free)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  WflWindow *window = NULL;

  if (draft->file != NULL && app != NULL)
    window = wfl_application_find_window (WFL_APPLICATION (app), draft->file);
  if (window != NULL && !wfl_document_get_modified (window->document))
    return window;
  if (this_one_free && is_pristine (self))
    return self;
  window = wfl_window_new (WFL_APPLICATION (app));
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static void
restore_drafts (WflWindow *self)
{
  g_autoptr(GPtrArray) drafts = g_steal_pointer (&self->drafts);
  gboolean this_one_free = TRUE;

  hide_banner (self);
  for (guint i = 0; drafts != NULL && i < drafts->len; i++)
    {
      const WflDraft *draft = g_ptr_array_index (drafts, i);
      g_autoptr(GError) error = NULL;
      g_autoptr(WflScenario) scenario = wfl_draft_load (draft, &error);
      WflWindow *target;

      if (scenario == NULL)
        {
          g_autofree char *name = draft_name (draft);
          g_autofree char *heading = g_strdup_printf (_("Could Not Restore “%s”"), name);

          /* The draft stays: it is offered again on the next start. */
          _wfl_window_show_error (self, heading, error->message);
          continue;
        }
      target = window_for_draft (self, draft, this_one_free);
      this_one_free = this_one_free && target != self;
      wfl_document_restore (target->document, scenario, draft->file);
      wfl_draft_remove (draft);
    }
}

static void
discard_drafts (WflWindow *self)
{
  g_autoptr(GPtrArray) drafts = g_steal_pointer (&self->drafts);

  for (guint i = 0; drafts != NULL && i < drafts->len; i++)
    wfl_draft_remove (g_ptr_array_index (drafts, i));
  hide_banner (self);
}

/* The file changed on disk ---------------------------------------------------- */

static void
changed_on_disk_cb (WflWindow    *self,
                    gboolean      deleted,
                    WflFileWatch *watch)
{
  g_autofree char *name = wfl_document_dup_display_name (self->document);
  g_autofree char *text = NULL;

  if (deleted)
    {
      text = g_strdup_printf (_("“%s” was deleted or moved by another program. Save to keep it."), name);
      show_banner (self, WFL_BANNER_FILE_DELETED, text, _("_Save"), _("_Dismiss"));
      return;
    }
  if (wfl_document_get_modified (self->document))
    text = g_strdup_printf (_("“%s” was changed by another program. Reloading it discards your unsaved changes."),
                            name);
  else
    text = g_strdup_printf (_("“%s” was changed by another program."), name);
  show_banner (self, WFL_BANNER_FILE_CHANGED, text, _("_Reload"), _("_Keep Mine"));
}

static void
reload_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(WflWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!wfl_document_load_finish (WFL_DOCUMENT (object), result, &error) &&
      !gtk_widget_in_destruction (GTK_WIDGET (self)))
    _wfl_window_show_error (self, _("Could Not Reload the Scenario"), error->message);
}

static void
reload (WflWindow *self)
{
  GFile *file = wfl_document_get_file (self->document);

  hide_banner (self);
  if (file != NULL)
    wfl_document_load_async (self->document, file, NULL, reload_cb, g_object_ref (self));
}

/* Too large to simulate --------------------------------------------------------- */

static void
update_results_banner (WflWindow *self)
{
  const GError *error = wfl_document_get_results_error (self->document);

  if (self->banner_kind != WFL_BANNER_NONE && self->banner_kind != WFL_BANNER_TOO_LARGE)
    return;
  if (error != NULL)
    show_banner (self, WFL_BANNER_TOO_LARGE, error->message, NULL, NULL);
  else if (self->banner_kind == WFL_BANNER_TOO_LARGE)
    {
      self->banner_kind = WFL_BANNER_NONE;
      gtk_revealer_set_reveal_child (self->banner, FALSE);
    }
}

/* The banner's buttons ------------------------------------------------------------- */

static void
primary_clicked_cb (WflWindow *self)
{
  switch (self->banner_kind)
    {
    case WFL_BANNER_DRAFTS:
      restore_drafts (self);
      break;
    case WFL_BANNER_FILE_CHANGED:
      reload (self);
      break;
    case WFL_BANNER_FILE_DELETED:
      hide_banner (self);
      _wfl_window_save (self, FALSE);
      break;
    case WFL_BANNER_NONE:
    case WFL_BANNER_TOO_LARGE:
    default:
      break;
    }
}

static void
secondary_clicked_cb (WflWindow *self)
{
  switch (self->banner_kind)
    {
    case WFL_BANNER_DRAFTS:
      discard_drafts (self);
      break;
    case WFL_BANNER_FILE_CHANGED:
    case WFL_BANNER_FILE_DELETED:
      /* Keep the open version; saving overwrites the other program's. */
      wfl_file_watch_acknowledge (self->file_watch);
      hide_banner (self);
      break;
    case WFL_BANNER_NONE:
    case WFL_BANNER_TOO_LARGE:
    default:
      break;
    }
}

static GtkWidget *
banner_button (const char *css_class)
{
  GtkWidget *button = gtk_button_new ();

  gtk_button_set_use_underline (GTK_BUTTON (button), TRUE);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  if (css_class != NULL)
    gtk_widget_add_css_class (button, css_class);
  return button;
}

/* The banner goes under the header bar, in the template's box. */
static void
build_banner (WflWindow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_widget_add_css_class (box, "wfl-banner");
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), label);
  self->banner_label = GTK_LABEL (label);
  self->banner_secondary = GTK_BUTTON (banner_button (NULL));
  self->banner_primary = GTK_BUTTON (banner_button ("suggested-action"));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->banner_secondary));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->banner_primary));
  g_signal_connect_object (self->banner_primary, "clicked", G_CALLBACK (primary_clicked_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->banner_secondary, "clicked", G_CALLBACK (secondary_clicked_cb), self, G_CONNECT_SWAPPED);

  self->banner = GTK_REVEALER (gtk_revealer_new ());
  gtk_revealer_set_child (self->banner, box);
  gtk_widget_set_visible (GTK_WIDGET (self->banner), FALSE);
  g_signal_connect_object (self->banner, "notify::child-revealed", G_CALLBACK (child_revealed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_css_class (GTK_WIDGET (self->banner), "wfl-banner-revealer");
  gtk_box_insert_child_after (GTK_BOX (gtk_widget_get_parent (GTK_WIDGET (self->header_bar))),
                              GTK_WIDGET (self->banner), GTK_WIDGET (self->header_bar));
}

void
_wfl_window_recovery_init (WflWindow *self)
{
  build_banner (self);
  self->draft_keeper = wfl_draft_keeper_new (self->document);
  self->file_watch = wfl_file_watch_new (self->document);
  g_signal_connect_object (self->file_watch, "changed-on-disk", G_CALLBACK (changed_on_disk_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->document, "results-changed", G_CALLBACK (update_results_banner), self,
                           G_CONNECT_SWAPPED);
}

void
_wfl_window_recovery_dispose (WflWindow *self)
{
  /* Closed after the user chose to discard the changes: no draft. */
  if (self->draft_keeper != NULL && self->close_confirmed)
    wfl_draft_keeper_discard (self->draft_keeper);
  g_clear_object (&self->draft_keeper);
  g_clear_object (&self->file_watch);
  g_clear_pointer (&self->drafts, g_ptr_array_unref);
}
