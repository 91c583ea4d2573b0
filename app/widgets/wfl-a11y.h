/* wfl-a11y.h: what GTK 4.8 and libadwaita 1.2 leave for a screen reader
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Repairs the accessible names below @root that GTK 4.8 and libadwaita
 * 1.2 get wrong (see wfl-a11y.c): buttons with a mnemonic, decorative
 * icons and empty labels, scroll bars, view switchers, the lists inside
 * drop-downs and combo rows.  Idempotent; call it again after adding
 * widgets. */
void                wfl_a11y_repair                (GtkWidget         *root);

/* Repairs one button's name now, whatever was repaired before: for a
 * button whose mnemonic label changes after wfl_a11y_repair() saw it. */
void                wfl_a11y_repair_button         (GtkButton         *button);

/* Makes the focus in an entry row heard: GTK 4.8 reports the focus of an
 * entry's text (which has no role) on its parent, and libadwaita 1.2 puts
 * that text in a box of its own, which is not focused: a screen reader
 * hears nothing.  The text is given the text-box role, so that it is the
 * focused object itself, named @title.  Call it on a new row, before it is
 * in a window. */
void                wfl_a11y_fix_entry_row         (GtkWidget         *row,
                                                    const char        *title);

/* Tab leaves @list_box in one step, as it enters it (GTK 4.8's list box
 * moves Tab from row to row); the arrows move between the rows. */
void                wfl_a11y_list_box_tab_out      (GtkListBox        *list_box);

/* Names the items of a combo row with a GtkStringList model (GTK 4.8 leaves
 * a list's items unnamed), and its list after its title.  Call it on a new
 * row, before the focus is in its window. */
void                wfl_a11y_fix_combo_row         (AdwComboRow       *row);

/* Names a scrolled window and its scroll bars after what they scroll. */
void                wfl_a11y_name_scrolled_window  (GtkScrolledWindow *scrolled,
                                                    const char        *name);

/* Names a drop-down's button "@title: <the chosen item>", kept up to date;
 * its model must be a GtkStringList. */
void                wfl_a11y_name_drop_down        (GtkDropDown       *drop_down,
                                                    const char        *title);

/* An alert for announcements: it takes no room and draws nothing.  Add it
 * to a box of the window. */
GtkWidget          *wfl_a11y_announcer_new         (void);
/* Says @text through @announcer: the alert appears again with @text as
 * its name (GTK 4.8 has no announcements; see wfl-a11y.c). */
void                wfl_a11y_announce              (GtkWidget         *announcer,
                                                    const char        *text);

G_END_DECLS
