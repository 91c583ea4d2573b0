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
  /* version 2: link schedules of wfl-inspector-allocation.c */
  SCHEDULE_WEIGHT,
  SCHEDULE_QUOTA,
  SCHEDULE_AVAILABILITY,
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
  /* version 2: allocation (wfl-inspector-allocation.c); grant fields
   * keep the grant's index in `point` */
  F_NODE_QUOTA_PERIOD,
  F_GRANT_DONOR,
  F_GRANT_RECIPIENT,
  F_GRANT_QUANTITY,
  F_GRANT_FROM,
  F_GRANT_TO,
  F_GRANT_SOURCE,
  F_GRANT_CONFIDENCE,
  F_CHANGE_STATE,   /* the last of wfl-inspector-allocation.c's (FIELD_IS_ALLOCATION) */
  /* A capacity expansion (version 2): node_id and its index in `point`. */
  F_EXPANSION_ORDERED,
  F_EXPANSION_CAPACITY,
  F_EXPANSION_LEAD_WEEKS,
  F_EXPANSION_QUALIFICATION_WEEKS,
  F_EXPANSION_SUPPLIER,
  F_EXPANSION_TOOLS,
  F_EXPANSION_SOURCE,
  F_EXPANSION_CONFIDENCE,
} FieldId;

/* The fields wfl-inspector-allocation.c parses and applies. */
#define FIELD_IS_ALLOCATION(id) ((id) >= F_NODE_QUOTA_PERIOD && (id) <= F_CHANGE_STATE)

typedef struct
{
  FieldId       id;
  char         *key;
  char         *node_id;
  int           link;
  char         *order_id;
  ScheduleKind  schedule;
  guint         point;        /* a schedule's point, or a grant */
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

/* wfl-inspector.c, for the inspector's other files: its row builders and
 * helpers (see the static functions of the same names there), and an
 * edit through the document made from one of the page's widgets. */
WflScenario  *_wfl_inspector_scenario      (WflInspector  *self);
Field        *_wfl_inspector_field_new     (FieldId        id,
                                            const char    *key,
                                            const char    *node_id,
                                            int            link,
                                            const char    *order_id);
GtkWidget    *_wfl_inspector_add_group     (WflInspector  *self,
                                            const char    *title,
                                            const char    *description);
GtkWidget    *_wfl_inspector_add_entry     (WflInspector  *self,
                                            GtkWidget     *parent,
                                            Field         *field,
                                            const char    *text,
                                            const char    *caption);
/* A combo whose items stand for ids (ids[i], NULL for none), or for
 * choices by position when ids is NULL; takes ids. */
GtkWidget    *_wfl_inspector_add_combo     (WflInspector  *self,
                                            GtkWidget     *parent,
                                            Field         *field,
                                            const char * const *items,
                                            guint          selected,
                                            GPtrArray     *ids);
GtkWidget    *_wfl_inspector_add_expander  (WflInspector  *self,
                                            GtkWidget     *group,
                                            const char    *key,
                                            const char    *title,
                                            const char    *subtitle,
                                            gboolean       expanded);
GtkWidget    *_wfl_inspector_add_button_row (GtkWidget    *parent,
                                            const char    *label,
                                            const char    *css_class,
                                            GCallback      callback,
                                            gpointer       user_data,
                                            gpointer       data_key_value);
GtkWidget    *_wfl_inspector_header_button (GtkWidget     *group,
                                            const char    *icon_name,
                                            const char    *tooltip);
char         *_wfl_inspector_describe_source (WflInspector *self,
                                            const char    *source_id,
                                            WflConfidence  confidence);
void          _wfl_inspector_build_schedule (WflInspector *self,
                                            const WflSchedule *schedule,
                                            ScheduleKind   kind,
                                            const char    *node_id,
                                            int            link,
                                            const char    *unit);
/* Applies an edit as one undoable step (the inspector keeps its page). */
gboolean      _wfl_inspector_edit          (WflInspector  *self,
                                            const char    *label,
                                            WflDocumentEditFunc func,
                                            gpointer       user_data);
void          _wfl_inspector_expand        (WflInspector  *self,
                                            const char    *key);
void          _wfl_inspector_select_node   (WflInspector  *self,
                                            const char    *node_id);
/* For tools and tests: opens an expander row now. */
void          _wfl_inspector_expand_now    (WflInspector  *self,
                                            const char    *key);
/* Marks a document edit made by a widget of the page itself. */
void          _wfl_inspector_set_in_callback (WflInspector *self,
                                            gboolean       in_callback);
/* Gives the focus to the field of `key` after the next rebuild. */
void          _wfl_inspector_focus_after_rebuild (WflInspector *self,
                                            const char    *key);
/* Makes a widget that is not a field (a button) findable by key. */
void          _wfl_inspector_register_widget (WflInspector *self,
                                            const char    *key,
                                            GtkWidget     *widget);

/* wfl-inspector-allocation.c: version 2's allocation and availability:
 * the quota period and grants of a node, the weight, quota and
 * availability of a link, and parsing and applying their fields. */
void          _wfl_inspector_build_node_allocation (WflInspector *self,
                                            GtkWidget     *group,
                                            WflNode       *node);
void          _wfl_inspector_build_link_allocation (WflInspector *self,
                                            int            index,
                                            WflLink       *link);
gboolean      _wfl_inspector_parse_allocation_field (WflScenario *s,
                                            const Field   *field,
                                            const char    *stripped,
                                            Value         *value,
                                            char         **message);
gboolean      _wfl_inspector_apply_allocation_edit (WflScenario *s,
                                            const Value   *value,
                                            GError       **error);

/* wfl-inspector-capacity.c: a node's capacity expansions (supply,
 * process and pool nodes), and the expansions an equipment supplier
 * serves. */
/* wfl-inspector-orders.c: a customer's orders, each an expander row. */
void          _wfl_inspector_build_orders  (WflInspector  *self,
                                            WflNode       *node);
void          _wfl_inspector_build_expansions (WflInspector *self,
                                               WflNode      *node);
void          _wfl_inspector_build_served  (WflInspector  *self,
                                            WflNode       *node);

/* For tests: the editing widget of a field ("node.yield" is not a key;
 * keys are like "node.name", "yield.0.value", "link.per-unit",
 * "order.o1.quantity"; buttons "capacity.add", "grant.add",
 * "grant.0.remove", "availability.add"…), and the message of the last
 * refused value. */
GtkWidget    *_wfl_inspector_find_field    (WflInspector  *self,
                                            const char    *key);
const char   *_wfl_inspector_get_error     (WflInspector  *self);

G_END_DECLS
