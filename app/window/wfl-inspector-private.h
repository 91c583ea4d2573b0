/* wfl-inspector-private.h: what the inspector's files share (its fields:
 * where a value lives, the value parsed from a field's text) and the
 * tests' hooks
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wfl-inspector.h"

G_BEGIN_DECLS

typedef enum
{
  SCHEDULE_CAPACITY,
  SCHEDULE_YIELD,
  SCHEDULE_MIX,
} ScheduleKind;

typedef enum
{
  F_NODE_ID,
  F_NODE_NAME,
  F_NODE_UNIT,
  F_NODE_GROUP,
  F_NODE_KIND,
  F_NODE_LEAD_WEEKS,
  F_NODE_ALLOCATION,
  F_NODE_INITIAL_RATE,
  F_NODE_INITIAL_STOCK,
  F_NODE_NOTE,
  F_POINT_DATE,
  F_POINT_VALUE,
  F_POINT_INTERPOLATE,
  F_POINT_SOURCE,
  F_POINT_CONFIDENCE,
  F_LINK_FROM,
  F_LINK_TO,
  F_LINK_INPUT,
  F_LINK_PER_UNIT,
  F_LINK_TRANSIT_WEEKS,
  F_LINK_COVER_WEEKS,
  F_LINK_PRIORITY,
  F_LINK_SHARE,
  F_ORDER_ID,
  F_ORDER_QUANTITY,
  F_ORDER_PLACED,
  F_ORDER_DUE,
  F_ORDER_PRIORITY,
} FieldId;

typedef struct
{
  FieldId       id;
  char         *key;
  char         *node_id;
  int           link;
  char         *order_id;
  ScheduleKind  schedule;
  guint         point;
} Field;

/* A parsed value, ready to apply. */
typedef struct
{
  const Field *field;
  char        *text;       /* text fields, ids; NULL = unset */
  double       number;
  gint64       integer;
  WflDate      date;
  guint        choice;
} Value;

/* wfl-inspector-fields.c: the schedule a field's point belongs to (NULL
 * when its node or link is gone); the text of a field checked for the
 * scenario, filling value or returning FALSE with a message saying why
 * the value is refused; and the WflDocumentEditFunc that applies a Value
 * (user_data) inside wfl_document_edit(). */
WflSchedule **_wfl_inspector_schedule_slot (WflScenario   *s,
                                            const Field   *field);
gboolean      _wfl_inspector_parse_field   (WflScenario   *s,
                                            const Field   *field,
                                            const char    *text,
                                            Value         *value,
                                            char         **message);
gboolean      _wfl_inspector_apply_edit    (WflScenario   *s,
                                            gpointer       user_data,
                                            GError       **error);

/* For tests: the editing widget of a field ("node.yield" is not a key;
 * keys are like "node.name", "yield.0.value", "link.per-unit",
 * "order.o1.quantity"), and the message of the last refused value. */
GtkWidget    *_wfl_inspector_find_field    (WflInspector  *self,
                                            const char    *key);
const char   *_wfl_inspector_get_error     (WflInspector  *self);

/* A change made from one of the page's own widgets: one undo step,
 * the page rebuilt at idle.  TRUE when the scenario changed. */
gboolean      _wfl_inspector_edit          (WflInspector        *self,
                                            const char          *label,
                                            WflDocumentEditFunc  func,
                                            gpointer             user_data);

/* wfl-inspector-schedule-tools.c: the "Scale or Shift the Schedule"
 * button beside a schedule's add_button in group's header; and for
 * tests, what its popover does with a tool (0 scale, 1 shift), the amount
 * and the date as typed: TRUE when the schedule changed, else FALSE and
 * the message the popover shows. */
void          _wfl_inspector_add_schedule_tools   (WflInspector  *self,
                                                   GtkWidget     *group,
                                                   GtkWidget     *add_button,
                                                   const char    *node_id,
                                                   int            link,
                                                   ScheduleKind   kind);
gboolean      _wfl_inspector_schedule_tools_apply (GtkWidget     *button,
                                                   guint          tool,
                                                   const char    *amount,
                                                   const char    *from,
                                                   const char   **message);

G_END_DECLS
