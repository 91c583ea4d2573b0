/* wfl-drafts.h: drafts of unsaved changes, kept across a crash
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "wfl-document.h"

G_BEGIN_DECLS

/* The folder of the drafts: "waferline/drafts" in the user's data folder
 * (XDG_DATA_HOME), never a document's own folder.  A draft is two files:
 * ID.waferline, the scenario in its canonical form, and ID.draft, a key
 * file saying which file it belongs to, its title, when it was kept and
 * by which process. */
char           *wfl_drafts_get_folder          (void) G_GNUC_WARN_UNUSED_RESULT;

/* Within WFL_DRAFT_DELAY_MS of the first unsaved change of the document
 * (and of every later one), a draft of it is written, atomically, in a
 * thread; it is removed when the document is no longer modified (saved,
 * or undone to its saved state) or when its changes are discarded.  A
 * keeper disposed while the document is still modified (the process is
 * quitting without asking) keeps the draft: it is offered again on the
 * next start. */
#define WFL_DRAFT_DELAY_MS 1000

#define WFL_TYPE_DRAFT_KEEPER (wfl_draft_keeper_get_type ())

G_DECLARE_FINAL_TYPE (WflDraftKeeper, wfl_draft_keeper, WFL, DRAFT_KEEPER, GObject)

WflDraftKeeper *wfl_draft_keeper_new            (WflDocument    *document) G_GNUC_WARN_UNUSED_RESULT;
/* The user discarded the changes: the draft is removed, none is written
 * any more. */
void            wfl_draft_keeper_discard        (WflDraftKeeper *self);
/* The scenario file of the draft written last, or NULL when there is
 * none now. */
const char     *wfl_draft_keeper_get_path       (WflDraftKeeper *self);

/* A draft left behind by a process that is gone (a crash, a logout). */
typedef struct
{
  char      *id;
  GFile     *file;           /* the file it belongs to; NULL when it had none */
  char      *title;          /* the scenario's title when it was kept */
  GDateTime *kept;           /* when it was written last */
  char      *scenario_path;
  char      *info_path;
} WflDraft;

void            wfl_draft_free                  (WflDraft       *draft);
/* The drafts of processes that no longer run, oldest first (array of
 * WflDraft*; empty when there are none).  Temporary files of writes that
 * a crash cut short are removed on the way. */
GPtrArray      *wfl_drafts_find_orphans         (void) G_GNUC_WARN_UNUSED_RESULT;
/* The scenario of a draft, as it was (also when it has problems). */
WflScenario    *wfl_draft_load                  (const WflDraft *draft,
                                                 GError        **error) G_GNUC_WARN_UNUSED_RESULT;
/* Removes the draft's files. */
void            wfl_draft_remove                (const WflDraft *draft);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WflDraft, wfl_draft_free)

G_END_DECLS
