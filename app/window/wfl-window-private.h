/* wfl-window-private.h
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wfl-compare-session.h"
#include "wfl-drafts.h"
#include "wfl-experiments-view.h"
#include "wfl-export.h"
#include "wfl-file-watch.h"
#include "wfl-gantt-view.h"
#include "wfl-inspector.h"
#include "wfl-sankey-view.h"
#include "wfl-time-bar.h"
#include "wfl-window.h"

G_BEGIN_DECLS

/* What the banner under the header bar tells (wfl-window-recovery.c). */
typedef enum
{
  WFL_BANNER_NONE,
  WFL_BANNER_DRAFTS,          /* drafts a crash left: Restore, Discard */
  WFL_BANNER_FILE_CHANGED,    /* changed by another program: Reload, Keep Mine */
  WFL_BANNER_FILE_DELETED,    /* deleted by another program: Save, Dismiss */
  WFL_BANNER_TOO_LARGE,       /* the simulation does not fit in memory */
} WflBannerKind;

struct _WflWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwHeaderBar         *header_bar;
  AdwSplitButton       *save_button;
  AdwViewSwitcherTitle *switcher_title;
  AdwViewStack         *view_stack;
  WflSankeyView        *sankey_view;
  GtkWidget            *gantt_page;
  GtkMenuButton        *gantt_rows;
  WflGanttView         *gantt_view;
  AdwFlap              *flap;
  WflInspector         *inspector;
  WflTimeBar           *time_bar;
  GtkImage             *status_icon;
  GtkLabel             *status_bottleneck;
  GtkLabel             *status_figures;
  GtkDropDown          *gantt_zoom;
  GMenu                *recent_menu;

  /* Owned references */
  WflDocument          *document;
  GSettings            *settings;
  GtkNativeDialog      *chooser;
  GtkWindow            *export_dialog;
  GtkWidget            *announcer;         /* a live region, see wfl-a11y.h */
  char                 *announced;         /* the status it said last */
  char                 *last_toast;        /* the message of the toast shown last, for tests */
  GtkWidget            *refocus;           /* weak: the focus before a dialog */

  gboolean              close_confirmed;
  gboolean              close_after_save;

  /* Never lose work (wfl-window-recovery.c) */
  WflDraftKeeper       *draft_keeper;
  WflFileWatch         *file_watch;
  GPtrArray            *drafts;          /* of WflDraft*: offered in the banner */
  GtkRevealer          *banner;
  GtkLabel             *banner_label;
  GtkButton            *banner_primary;
  GtkButton            *banner_secondary;
  WflBannerKind         banner_kind;

  /* Comparing with a baseline (wfl-window-compare.c) */
  WflCompareSession    *compare;
  GMenu                *compare_history;   /* the Compare menu's undo steps */
  GtkWidget            *compare_key;       /* above the Sankey while comparing */
  GtkNativeDialog      *compare_chooser;
  WflSimulation        *compare_shown;     /* the baseline the charts show (unowned, compared only) */

  /* Experiments (wfl-window-experiments.c) */
  WflExperimentsView   *experiments;
};

void     _wfl_window_class_actions_init (WflWindowClass *klass);
/* For tests: the message of the toast shown last, or NULL. */
const char *_wfl_window_get_last_toast  (WflWindow      *self);
void     _wfl_window_actions_update     (WflWindow      *self);
void     _wfl_window_save               (WflWindow      *self,
                                         gboolean        save_as);
void     _wfl_window_show_error         (WflWindow      *self,
                                         const char     *heading,
                                         const char     *message);
void     _wfl_window_add_recent         (WflWindow      *self,
                                         GFile          *file);
void     _wfl_window_update_recent_menu (WflWindow      *self);
void     _wfl_window_watch_recent       (WflWindow      *self);
void     _wfl_window_recovery_init      (WflWindow      *self);
void     _wfl_window_recovery_dispose   (WflWindow      *self);
/* What the banner shows now, and its text. */
WflBannerKind _wfl_window_get_banner    (WflWindow      *self,
                                         const char    **text);
/* When @dialog closes, gives the focus back to what had it, so that a
 * screen reader hears where it is. */
void     _wfl_window_refocus_after      (WflWindow      *self,
                                         GtkWindow      *dialog);
/* Says @text to a screen reader. */
void     _wfl_window_announce           (WflWindow      *self,
                                         const char     *text);

/* The results as an XLSX workbook (wfl-window-spreadsheet.c): asks where,
 * then writes in a thread; _write_ writes file with the results shown and
 * the ranking of the Sankey's window. */
void     _wfl_window_export_spreadsheet (WflWindow      *self);
/* The printed brief of the results shown and the Sankey's window
 * (win.export-brief asks where), written in a thread. */
void     _wfl_window_write_brief        (WflWindow           *self,
                                         GFile               *file,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
gboolean _wfl_window_write_brief_finish (WflWindow     *self,
                                         GAsyncResult  *result,
                                         GError       **error);
/* Comparing with a baseline: the Compare menu, page and key. */
void     _wfl_window_compare_init       (WflWindow      *self);
void     _wfl_window_compare_dispose    (WflWindow      *self);
WflCompareSession *_wfl_window_get_compare_session (WflWindow *self);
/* While comparing, the window's exports: the difference Sankey of the
 * Sankey's window, and the baseline's ghosts on an orders chart (nothing
 * without a baseline). */
gboolean _wfl_window_export_difference  (WflWindow      *self,
                                         WflExportFormat format,
                                         GFile          *file,
                                         int             width,
                                         int             height,
                                         double          scale,
                                         GError        **error);
void     _wfl_window_compare_gantt      (WflWindow      *self,
                                         WflGanttChart  *chart);
/* What choosing file in the Compare With File dialog does. */
void     _wfl_window_compare_with_file  (WflWindow      *self,
                                         GFile          *file);
/* The Figures view, a page of the view stack beside the charts. */
void     _wfl_window_add_figures        (WflWindow      *self);
/* The Experiments page; a Monte Carlo's whiskers on an orders chart (none
 * while the results are stale); win.show-experiments (Ctrl+Shift+X). */
void     _wfl_window_add_experiments    (WflWindow      *self);
void     _wfl_window_experiment_gantt   (WflWindow      *self,
                                         WflGanttChart  *chart);
void     _wfl_window_class_experiments_init (GtkWidgetClass *widget_class);
/* win.import-table (Ctrl+I): the import dialog for the selection. */
void     _wfl_window_class_spreadsheet_init (GtkWidgetClass *widget_class);
void     _wfl_window_write_spreadsheet  (WflWindow           *self,
                                         GFile               *file,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
gboolean _wfl_window_write_spreadsheet_finish (WflWindow     *self,
                                               GAsyncResult  *result,
                                               GError       **error);

G_END_DECLS
