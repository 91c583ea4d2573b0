/* wfl-sankey-view-private.h: hooks for the tests
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wfl-sankey-render.h"
#include "wfl-sankey-view.h"

G_BEGIN_DECLS

/* The current layout (NULL before the first one), in layout coordinates. */
WflSankeyLayout *_wfl_sankey_view_get_layout       (WflSankeyView        *self);
/* What the painter is given: hover and selection. */
void             _wfl_sankey_view_get_render_state (WflSankeyView        *self,
                                                    WflSankeyRenderState *state);
WflSankeyHit     _wfl_sankey_view_get_focus_item   (WflSankeyView        *self);
/* What a screen reader hears for @item (the accessible description when
 * it has the focus); NULL for none.  Free with g_free(). */
char            *_wfl_sankey_view_describe_item    (WflSankeyView        *self,
                                                    WflSankeyHit          item);
/* TRUE while a layout or a painting is being made in a thread. */
gboolean         _wfl_sankey_view_is_busy          (WflSankeyView        *self);
/* Layout coordinates to widget coordinates, under the zoom and pan. */
void             _wfl_sankey_view_layout_to_widget (WflSankeyView        *self,
                                                    double                lx,
                                                    double                ly,
                                                    double               *wx,
                                                    double               *wy);
/* A primary click (press and release without moving) at widget (x, y). */
void             _wfl_sankey_view_click_at         (WflSankeyView        *self,
                                                    double                x,
                                                    double                y);
/* A primary-button drag from widget (x, y) by (dx, dy), released there. */
void             _wfl_sankey_view_drag             (WflSankeyView        *self,
                                                    double                x,
                                                    double                y,
                                                    double                dx,
                                                    double                dy);
/* A key press while the view has the focus; TRUE when handled. */
gboolean         _wfl_sankey_view_key_press        (WflSankeyView        *self,
                                                    guint                 keyval,
                                                    GdkModifierType       state);

G_END_DECLS
