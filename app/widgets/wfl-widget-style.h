/* wfl-widget-style.h: the painters' style from a widget's
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "wfl-chart-style.h"

G_BEGIN_DECLS

/* Fills style (cleared by the caller beforehand if it held one) like
 * libadwaita: the dark or light palette, text in the widget's colour, the
 * theme's view background and accent.  Free with wfl_chart_style_clear(). */
void wfl_chart_style_init_for_widget (WflChartStyle *style,
                                      GtkWidget     *widget);

G_END_DECLS
