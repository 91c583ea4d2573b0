/* wfl-scenario-xml-read.c: reading scenario files (format version 1)
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wfl-scenario-xml"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <libxml/SAX2.h>
#include <libxml/parserInternals.h>

#include "wfl-model-resources.h"
#include "wfl-scenario-xml-loader-private.h"

/* Reading
 * =======
 *
 * 1. The bytes are checked first: size, emptiness, NUL bytes, UTF-8.
 * 2. libxml2 builds a tree (no network, no DTD loading, no entity
 *    substitution, UTF-8 forced).  A DOCTYPE stops the parser at once, so
 *    no entity is ever declared, let alone expanded; nesting deeper than
 *    MAX_DEPTH stops it too.  Errors go to a handler of this parse only.
 * 3. The root and format-version are checked, then the tree is converted
 *    element by element into a WflScenario.  The conversion checks the
 *    grammar itself, so that every problem gets a clear, translated message
 *    with its line: unknown elements and attributes of our namespace,
 *    missing ones, order, numbers, dates, ids and enumerations.
 * 4. When the conversion found nothing, the tree is also checked against
 *    the RELAX NG schema compiled into the library (a safety net: the two
 *    must agree, and the tests check that they do).
 * 5. wfl_scenario_validate() checks the model's rules.
 *
 * Any problem fails the load: the caller gets every problem, never a
 * half-built scenario.
 */

#define MAX_DEPTH 64
#define MAX_ATTRIBUTES 512
#define MAX_PROBLEMS 1000

void
add_problem (Loader     *l,
             int         line,
             const char *format,
             ...)
{
  va_list args;
  WflProblem *problem;

  if (l->code == 0 || l->code == WFL_SCENARIO_ERROR_INVALID)
    l->code = WFL_SCENARIO_ERROR_PARSE;

  if (l->problems->len >= MAX_PROBLEMS)
    {
      l->truncated = TRUE;
      return;
    }

  problem = g_new0 (WflProblem, 1);
  problem->line = MAX (line, 0);
  va_start (args, format);
  problem->message = wfl_message_cut_quotes (g_strdup_vprintf (format, args));
  va_end (args);
  g_ptr_array_add (l->problems, problem);
}

static int
line_of_offset (const char *data,
                gsize       offset)
{
  int line = 1;

  for (const char *p = data; (p = memchr (p, '\n', data + offset - p)) != NULL; p++)
    line++;
  return line;
}

int
node_line (xmlNode *node)
{
  long line = xmlGetLineNo (node);

  return line > 0 && line < G_MAXINT ? (int) line : 0;
}

/* libxml2 gives a short text node the line where it ends; its text starts
 * before the newlines of its trailing white space. */
static int
text_line (xmlNode *node)
{
  int line = node_line (node);
  const char *text = (const char *) node->content;

  if (text == NULL || line == 0 || strlen (text) > 300)
    return line;
  for (const char *p = text + strlen (text); p > text && g_ascii_isspace (p[-1]); p--)
    line -= p[-1] == '\n';
  return MAX (line, 1);
}

/* --- The schema ---------------------------------------------------------- */

static void
schema_validity_error_cb (void        *data,
                          xmlErrorPtr  error)
{
  Loader *l = data;
  g_autofree char *message = g_strstrip (g_strdup (error->message ? error->message : ""));
  int line = error->line;

  if (error->node != NULL && ((xmlNode *) error->node)->type == XML_ELEMENT_NODE)
    line = node_line (error->node);

  /* TRANSLATORS: the text after the colon is libxml2's, in English */
  add_problem (l, line, _("The file does not match the scenario schema: %s"), message);
}

static void
check_schema (Loader *l,
              xmlDoc *doc)
{
  xmlRelaxNGPtr schema = _wfl_scenario_get_schema ();
  g_autoptr(xmlRelaxNGValidCtxt) ctxt = NULL;
  guint before = l->problems->len;

  if (schema == NULL)
    return;

  ctxt = xmlRelaxNGNewValidCtxt (schema);
  xmlRelaxNGSetValidStructuredErrors (ctxt, schema_validity_error_cb, l);
  if (xmlRelaxNGValidateDoc (ctxt, doc) != 0)
    {
      if (l->problems->len == before)
        add_problem (l, 0, _("The file does not match the scenario schema"));
      if (l->flags & WFL_LOAD_SCHEMA_MISMATCH_ABORTS)
        g_error ("The conversion accepted what the schema refuses: %s",
                 ((WflProblem *) g_ptr_array_index (l->problems, before))->message);
    }
}

/* --- Parsing --------------------------------------------------------------- */

static void
parse_error_cb (void        *data,
                xmlErrorPtr  error)
{
  xmlParserCtxtPtr ctxt = error->ctxt;
  Loader *l;
  g_autofree char *message = NULL;

  if (ctxt == NULL || ctxt->_private == NULL)
    return;
  l = ctxt->_private;
  if (l->stopped || error->level == XML_ERR_WARNING)
    return;

  message = g_strstrip (g_strdup (error->message ? error->message : ""));

  switch (error->code)
    {
    case XML_ERR_DOCUMENT_EMPTY:
      add_problem (l, error->line, _("The file has no XML content"));
      break;

    case XML_ERR_DOCUMENT_END:
      add_problem (l, error->line, _("There is content after the end of the <scenario> element"));
      break;

    case XML_ERR_UNDECLARED_ENTITY:
    case XML_WAR_UNDECLARED_ENTITY:
      add_problem (l, error->line, _("Unknown entity reference: %s (scenario files may use only &amp; &lt; &gt; &quot; &apos; and character references)"),
                   message);
      break;

    case XML_ERR_TAG_NOT_FINISHED:
    case XML_ERR_GT_REQUIRED:
    case XML_ERR_LTSLASH_REQUIRED:
      add_problem (l, error->line, _("The XML ends too early (is the file truncated?): %s"), message);
      break;

    default:
      /* TRANSLATORS: the text after the colon is libxml2's, in English */
      add_problem (l, error->line, _("The file is not well-formed XML: %s"), message);
      break;
    }
}

static void
stop_parser (xmlParserCtxtPtr  ctxt,
             Loader           *l)
{
  l->stopped = TRUE;
  xmlStopParser (ctxt);
}

static void
internal_subset_cb (void          *ctx,
                    const xmlChar *name,
                    const xmlChar *external_id,
                    const xmlChar *system_id)
{
  xmlParserCtxtPtr ctxt = ctx;
  Loader *l = ctxt->_private;

  if (l->stopped)
    return;
  add_problem (l, ctxt->input != NULL ? ctxt->input->line : 0,
               _("The file has a document type declaration (<!DOCTYPE>); scenario files must not have one, "
                 "as they never load DTDs or declare entities"));
  stop_parser (ctxt, l);
}

static void
entity_decl_cb (void          *ctx,
                const xmlChar *name,
                int            type,
                const xmlChar *public_id,
                const xmlChar *system_id,
                xmlChar       *content)
{
  xmlParserCtxtPtr ctxt = ctx;
  Loader *l = ctxt->_private;

  if (l->stopped)
    return;
  add_problem (l, ctxt->input != NULL ? ctxt->input->line : 0,
               _("The file declares an entity; scenario files must not declare entities"));
  stop_parser (ctxt, l);
}

static void
start_element_cb (void           *ctx,
                  const xmlChar  *localname,
                  const xmlChar  *prefix,
                  const xmlChar  *uri,
                  int             nb_namespaces,
                  const xmlChar **namespaces,
                  int             nb_attributes,
                  int             nb_defaulted,
                  const xmlChar **attributes)
{
  xmlParserCtxtPtr ctxt = ctx;
  Loader *l = ctxt->_private;

  if (l->stopped)
    return;
  if (ctxt->nameNr >= MAX_DEPTH)
    {
      add_problem (l, ctxt->input != NULL ? ctxt->input->line : 0,
                   _("Elements are nested more than %d levels deep"), MAX_DEPTH);
      stop_parser (ctxt, l);
      return;
    }
  xmlSAX2StartElementNs (ctx, localname, prefix, uri, nb_namespaces, namespaces,
                         nb_attributes, nb_defaulted, attributes);
}

static const char *
skip_past (const char *p,
           const char *end,
           const char *marker)
{
  gsize n = strlen (marker);

  for (; p + n <= end; p++)
    {
      p = memchr (p, marker[0], end - p);
      if (p == NULL || p + n > end)
        break;
      if (memcmp (p, marker, n) == 0)
        return p + n;
    }
  return end;
}

/* libxml2 checks the attributes of a start tag for duplicates pairwise,
 * so a tag with a million attributes takes hours.  Ours have at most a
 * dozen: count them (an "=" outside quotes in a tag) before parsing. */
static gboolean
check_attribute_counts (Loader     *l,
                        const char *data,
                        gsize       length)
{
  const char *end = data + length;
  const char *p = data;

  while ((p = memchr (p, '<', end - p)) != NULL)
    {
      const char *tag = p;
      guint count = 0;
      char quote = 0;

      if (end - p >= 4 && memcmp (p, "<!--", 4) == 0)
        {
          p = skip_past (p + 4, end, "-->");
          continue;
        }
      if (end - p >= 9 && memcmp (p, "<![CDATA[", 9) == 0)
        {
          p = skip_past (p + 9, end, "]]>");
          continue;
        }
      if (end - p >= 2 && p[1] == '?')
        {
          p = skip_past (p + 2, end, "?>");
          continue;
        }

      for (p++; p < end; p++)
        {
          if (quote != 0)
            {
              const char *close = memchr (p, quote, end - p);

              if (close == NULL)
                return TRUE;   /* unterminated: the parser reports it */
              p = close;
              quote = 0;
            }
          else if (*p == '"' || *p == '\'')
            quote = *p;
          else if (*p == '=')
            count++;
          else if (*p == '>' || *p == '<')
            break;
        }

      if (count > MAX_ATTRIBUTES)
        {
          add_problem (l, line_of_offset (data, tag - data),
                       _("An element has more than %d attributes"), MAX_ATTRIBUTES);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
check_bytes (Loader     *l,
             const char *data,
             gsize       length)
{
  const char *nul;
  const char *end = NULL;

  if (length > WFL_SCENARIO_MAX_FILE_SIZE)
    {
      g_autofree char *size = g_format_size_full (length, G_FORMAT_SIZE_IEC_UNITS);
      g_autofree char *limit = g_format_size_full (WFL_SCENARIO_MAX_FILE_SIZE, G_FORMAT_SIZE_IEC_UNITS);

      add_problem (l, 0, _("The file is too large (%s); scenario files may be at most %s"), size, limit);
      l->code = WFL_SCENARIO_ERROR_TOO_LARGE;
      return FALSE;
    }

  if (length == 0)
    {
      add_problem (l, 0, _("The file is empty"));
      return FALSE;
    }

  nul = memchr (data, '\0', length);
  if (!g_utf8_validate_len (data, nul != NULL ? (gsize) (nul - data) : length, &end))
    {
      /* %llu, not G_GSIZE_FORMAT, which xgettext cannot see through. */
      add_problem (l, line_of_offset (data, end - data),
                   _("The file is not valid UTF-8 text (byte %llu); scenario files are UTF-8"),
                   (unsigned long long) (end - data) + 1);
      return FALSE;
    }
  if (nul != NULL)
    {
      add_problem (l, line_of_offset (data, nul - data),
                   _("The file contains a NUL byte (byte %llu); it is binary, not a scenario"),
                   (unsigned long long) (nul - data) + 1);
      return FALSE;
    }
  return check_attribute_counts (l, data, length);
}

static xmlDoc *
parse (Loader     *l,
       const char *data,
       gsize       length)
{
  g_autoptr(xmlParserCtxt) ctxt = NULL;
  g_autoptr(xmlDoc) doc = NULL;
  gboolean well_formed;

  ctxt = xmlCreateMemoryParserCtxt (data, (int) length);
  if (ctxt == NULL)
    {
      add_problem (l, 0, _("Out of memory while reading the file"));
      return NULL;
    }

  ctxt->_private = l;
  ctxt->sax->serror = parse_error_cb;
  ctxt->sax->internalSubset = internal_subset_cb;
  ctxt->sax->externalSubset = NULL;
  ctxt->sax->entityDecl = entity_decl_cb;
  ctxt->sax->startElementNs = start_element_cb;
  ctxt->sax->warning = NULL;
  ctxt->sax->error = NULL;
  ctxt->sax->fatalError = NULL;
  ctxt->vctxt.error = NULL;
  ctxt->vctxt.warning = NULL;

  /* No XML_PARSE_NOENT (entities are never substituted), no DTDLOAD,
   * DTDATTR or DTDVALID; no network; UTF-8 whatever the declaration says
   * (the bytes were checked to be UTF-8). */
  xmlCtxtUseOptions (ctxt, XML_PARSE_NONET | XML_PARSE_NOWARNING | XML_PARSE_BIG_LINES |
                           XML_PARSE_IGNORE_ENC | XML_PARSE_NOXINCNODE);

  xmlParseDocument (ctxt);
  doc = g_steal_pointer (&ctxt->myDoc);
  well_formed = ctxt->wellFormed;

  if (!l->stopped && doc != NULL && (doc->intSubset != NULL || doc->extSubset != NULL))
    {
      add_problem (l, 0, _("The file has a document type declaration (<!DOCTYPE>); scenario files must not have one, "
                           "as they never load DTDs or declare entities"));
      return NULL;
    }

  if (!well_formed || l->stopped || doc == NULL || l->problems->len > 0)
    {
      if (l->problems->len == 0)
        add_problem (l, 0, _("The file is not well-formed XML"));
      return NULL;
    }

  return g_steal_pointer (&doc);
}

/* --- Conversion ------------------------------------------------------------ */

static gboolean
is_ours (xmlNs *ns)
{
  return ns != NULL && strcmp ((const char *) ns->href, WFL_SCENARIO_NAMESPACE) == 0;
}

/* Elements and attributes of another namespace are ignored.  Elements in
 * no namespace are not ours either, but are errors (the schema allows
 * only namespaced extensions). */
static gboolean
is_foreign_element (xmlNode *node)
{
  return node->ns != NULL && !is_ours (node->ns);
}

static const char *
attr_value (Loader  *l,
            xmlAttr *attr)
{
  xmlChar *value;

  if (attr->children == NULL)
    return "";
  if (attr->children->next == NULL && attr->children->type == XML_TEXT_NODE)
    return (const char *) attr->children->content;

  value = xmlNodeListGetString (attr->doc, attr->children, 1);
  if (value == NULL)
    return "";
  g_ptr_array_add (l->scratch, value);
  return (const char *) value;
}

/* Fills values[i] with the attribute names[i] (NULL when absent), and
 * reports every attribute in no namespace or ours that is not listed. */
void
collect_attributes (Loader             *l,
                    xmlNode            *el,
                    const char * const *names,
                    guint               n_names,
                    const char        **values)
{
  for (guint i = 0; i < n_names; i++)
    values[i] = NULL;

  for (xmlAttr *attr = el->properties; attr != NULL; attr = attr->next)
    {
      guint i = n_names;

      if (attr->ns != NULL && !is_ours (attr->ns))
        continue;

      if (attr->ns == NULL)
        for (i = 0; i < n_names; i++)
          if (strcmp ((const char *) attr->name, names[i]) == 0)
            break;

      if (i == n_names)
        {
          add_problem (l, node_line (el), _("Unknown attribute “%s” on <%s>"),
                       (const char *) attr->name, (const char *) el->name);
          continue;
        }

      values[i] = attr_value (l, attr);
    }
}

gboolean
require (Loader     *l,
         xmlNode    *el,
         const char *name,
         const char *value)
{
  if (value != NULL)
    return TRUE;
  add_problem (l, node_line (el), _("<%s> needs the attribute “%s”"), (const char *) el->name, name);
  return FALSE;
}

void
parse_id (Loader      *l,
          xmlNode     *el,
          const char  *name,
          const char  *value,
          char       **out)
{
  if (value == NULL)
    return;
  if (!wfl_id_is_valid (value))
    {
      add_problem (l, node_line (el),
                   _("“%s” is not a valid id in the “%s” attribute of <%s>: ids use only letters, digits, “_”, “.” and “-”"),
                   value, name, (const char *) el->name);
      return;
    }
  g_free (*out);
  *out = g_strdup (value);
}

void
parse_string (const char  *value,
              char       **out)
{
  if (value == NULL)
    return;
  g_free (*out);
  *out = g_strdup (value);
}

void
parse_date (Loader     *l,
            xmlNode    *el,
            const char *name,
            const char *value,
            WflDate    *out)
{
  WflDate date;

  if (value == NULL)
    return;
  date = wfl_date_parse (value);
  if (date == WFL_DATE_NONE)
    {
      add_problem (l, node_line (el),
                   _("“%s” is not a valid date in the “%s” attribute of <%s>: dates are written YYYY-MM-DD"),
                   value, name, (const char *) el->name);
      return;
    }
  *out = date;
}

/* Numbers are strict: optional sign, digits with "." as decimal separator,
 * optional exponent; finite.  Some attributes may not be negative. */
gboolean
parse_number (Loader     *l,
              xmlNode    *el,
              const char *name,
              const char *value,
              gboolean    non_negative,
              double     *out)
{
  double v;

  if (value == NULL)
    return FALSE;

  if (!wfl_parse_double (value, &v))
    {
      const char *p = value + (value[0] == '+' || value[0] == '-');

      if (g_ascii_isdigit (*p) || (*p == '.' && g_ascii_isdigit (p[1])) ||
          g_ascii_strncasecmp (p, "inf", 3) == 0 || g_ascii_strncasecmp (p, "nan", 3) == 0)
        {
          double any = g_ascii_strtod (value, NULL);

          if (!isfinite (any))
            {
              add_problem (l, node_line (el),
                           _("“%s” in the “%s” attribute of <%s> is not a finite number"),
                           value, name, (const char *) el->name);
              return FALSE;
            }
        }
      add_problem (l, node_line (el),
                   _("“%s” in the “%s” attribute of <%s> is not a number (numbers use “.” as the decimal separator)"),
                   value, name, (const char *) el->name);
      return FALSE;
    }

  if (non_negative && value[0] == '-')
    {
      add_problem (l, node_line (el),
                   _("The “%s” attribute of <%s> must not be negative (it is %s)"),
                   name, (const char *) el->name, value);
      return FALSE;
    }

  *out = v;
  return TRUE;
}

void
parse_int (Loader     *l,
           xmlNode    *el,
           const char *name,
           const char *value,
           gboolean    non_negative,
           int        *out)
{
  gint64 v;

  if (value == NULL)
    return;

  if (!wfl_parse_int (value, &v))
    {
      add_problem (l, node_line (el),
                   _("“%s” in the “%s” attribute of <%s> is not a whole number"),
                   value, name, (const char *) el->name);
      return;
    }
  if (non_negative && value[0] == '-')
    {
      add_problem (l, node_line (el),
                   _("The “%s” attribute of <%s> must not be negative (it is %s)"),
                   name, (const char *) el->name, value);
      return;
    }
  if (v < G_MININT || v > G_MAXINT)
    {
      add_problem (l, node_line (el),
                   _("“%s” in the “%s” attribute of <%s> is too large; whole numbers here lie between %d and %d"),
                   value, name, (const char *) el->name, G_MININT, G_MAXINT);
      return;
    }
  *out = (int) v;
}

void
bad_enum (Loader     *l,
          xmlNode    *el,
          const char *name,
          const char *value,
          const char *choices)
{
  add_problem (l, node_line (el),
               /* TRANSLATORS: the last %s lists the allowed values, which are not translated */
               _("“%s” is not a valid value for the “%s” attribute of <%s>: use one of %s"),
               value, name, (const char *) el->name, choices);
}


void
parse_confidence (Loader        *l,
                  xmlNode       *el,
                  const char    *value,
                  WflConfidence *out)
{
  PARSE_ENUM (l, el, "confidence", value, WflConfidence, wfl_confidence_from_string, out,
              "high, medium, low");
}

/* Children of an element in our namespace, in a fixed order. */


void
child_iter_init (ChildIter       *it,
                 Loader          *l,
                 xmlNode         *parent,
                 const ChildSpec *spec,
                 guint            n_spec)
{
  it->l = l;
  it->parent = parent;
  it->spec = spec;
  it->n_spec = n_spec;
  it->next = parent->children;
  it->last = -1;
  it->seen = 0;
  it->text_reported = FALSE;
}

/* Returns the next child element of ours that the spec knows, and its slot;
 * reports unknown elements, misplaced ones, stray text and (at the end)
 * missing required ones. */
gboolean
child_iter_next (ChildIter  *it,
                 xmlNode   **child_out,
                 guint      *slot_out)
{
  Loader *l = it->l;
  const char *parent_name = (const char *) it->parent->name;

  while (it->next != NULL)
    {
      xmlNode *child = it->next;
      guint slot;

      it->next = child->next;

      switch (child->type)
        {
        case XML_ELEMENT_NODE:
          break;

        case XML_TEXT_NODE:
        case XML_CDATA_SECTION_NODE:
          if (!it->text_reported && !xmlIsBlankNode (child))
            {
              add_problem (l, text_line (child), _("<%s> may not contain text, only elements"), parent_name);
              it->text_reported = TRUE;
            }
          continue;

        case XML_ENTITY_REF_NODE:
          add_problem (l, node_line (it->parent), _("<%s> contains an entity reference"), parent_name);
          continue;

        default:
          continue;   /* comments, processing instructions */
        }

      if (is_foreign_element (child))
        continue;

      for (slot = 0; slot < it->n_spec; slot++)
        if (strcmp ((const char *) child->name, it->spec[slot].name) == 0)
          break;

      if (slot == it->n_spec || child->ns == NULL)
        {
          if (child->ns == NULL)
            add_problem (l, node_line (child),
                         _("<%s> is in no namespace; elements of other vocabularies need a namespace of their own"),
                         (const char *) child->name);
          else
            add_problem (l, node_line (child), _("Unknown element <%s> in <%s>"),
                         (const char *) child->name, parent_name);
          continue;
        }

      if ((int) slot < it->last)
        add_problem (l, node_line (child), _("<%s> must come before <%s> in <%s>"),
                     it->spec[slot].name, it->spec[it->last].name, parent_name);
      else if ((it->seen & (1u << slot)) && !(it->spec[slot].flags & CHILD_REPEAT))
        add_problem (l, node_line (child), _("<%s> may appear only once in <%s>"),
                     it->spec[slot].name, parent_name);

      it->last = MAX (it->last, (int) slot);
      it->seen |= 1u << slot;
      *child_out = child;
      *slot_out = slot;
      return TRUE;
    }

  for (guint slot = 0; slot < it->n_spec; slot++)
    if ((it->spec[slot].flags & CHILD_REQUIRED) && !(it->seen & (1u << slot)))
      add_problem (l, node_line (it->parent), _("<%s> needs a <%s> element"),
                   parent_name, it->spec[slot].name);

  return FALSE;
}

/* An element with no children of ours (foreign ones are fine). */
void
check_empty (Loader  *l,
             xmlNode *el)
{
  ChildIter it;
  xmlNode *child;
  guint slot;

  child_iter_init (&it, l, el, NULL, 0);
  while (child_iter_next (&it, &child, &slot))
    ;
}

static char *
element_text (Loader  *l,
              xmlNode *el)
{
  GString *text = g_string_new (NULL);

  collect_attributes (l, el, NULL, 0, NULL);

  for (xmlNode *child = el->children; child != NULL; child = child->next)
    {
      if (child->type == XML_TEXT_NODE || child->type == XML_CDATA_SECTION_NODE)
        g_string_append (text, (const char *) child->content);
      else if (child->type == XML_ELEMENT_NODE && !is_foreign_element (child))
        add_problem (l, node_line (child), _("<%s> may contain only text, not <%s>"),
                     (const char *) el->name, (const char *) child->name);
    }

  return g_string_free (text, FALSE);
}

static void
set_schedule (WflSchedule **slot,
              WflSchedule  *schedule)
{
  g_clear_pointer (slot, wfl_schedule_free);
  *slot = schedule;
}

static void
load_constant_schedule (Loader       *l,
                        xmlNode      *el,
                        const char   *name,
                        const char   *value,
                        WflSchedule **out)
{
  double v;

  if (value == NULL)
    return;
  if (parse_number (l, el, name, value, TRUE, &v))
    set_schedule (out, wfl_schedule_new_constant (v));
}

enum { POINT_DATE, POINT_VALUE, POINT_INTERPOLATE, POINT_SOURCE, POINT_CONFIDENCE, N_POINT_ATTRS };
static const char * const point_attrs[] = { "date", "value", "interpolate", "source", "confidence" };

/* The <point> children of a schedule element (its attributes are the
 * caller's). */
static WflSchedule *
load_schedule_points (Loader  *l,
                      xmlNode *el)
{
  static const ChildSpec spec[] = { { "point", CHILD_REPEAT | CHILD_REQUIRED } };
  WflSchedule *schedule = wfl_schedule_new ();
  ChildIter it;
  xmlNode *child;
  guint slot;
  xmlNode *undated = NULL;

  child_iter_init (&it, l, el, spec, G_N_ELEMENTS (spec));
  while (child_iter_next (&it, &child, &slot))
    {
      const char *v[N_POINT_ATTRS];
      WflPoint *point;
      double value = 0;

      collect_attributes (l, child, point_attrs, N_POINT_ATTRS, v);
      check_empty (l, child);

      point = wfl_schedule_add_point (schedule, WFL_DATE_NONE, 0, WFL_INTERPOLATE_STEP);
      point->line = node_line (child);
      parse_date (l, child, "date", v[POINT_DATE], &point->date);
      if (v[POINT_DATE] == NULL && undated == NULL)
        undated = child;
      if (require (l, child, "value", v[POINT_VALUE]) &&
          parse_number (l, child, "value", v[POINT_VALUE], TRUE, &value))
        point->value = value;
      PARSE_ENUM (l, child, "interpolate", v[POINT_INTERPOLATE], WflInterpolate,
                  wfl_interpolate_from_string, &point->interpolate, "step, linear");
      parse_id (l, child, "source", v[POINT_SOURCE], &point->source);
      parse_confidence (l, child, v[POINT_CONFIDENCE], &point->confidence);
    }

  if (undated != NULL && wfl_schedule_get_n_points (schedule) > 1)
    add_problem (l, node_line (undated),
                 _("A <point> without a date must be the only point of <%s>"), (const char *) el->name);

  return schedule;
}

static WflSchedule *
load_schedule (Loader  *l,
               xmlNode *el)
{
  collect_attributes (l, el, NULL, 0, NULL);
  return load_schedule_points (l, el);
}

static void
load_schedule_element (Loader       *l,
                       xmlNode      *owner,
                       xmlNode      *el,
                       const char   *attr_value_given,
                       WflSchedule **out)
{
  if (attr_value_given != NULL)
    add_problem (l, node_line (el),
                 _("<%s> has both a “%s” attribute and a <%s> element; use one of them"),
                 (const char *) owner->name, (const char *) el->name, (const char *) el->name);
  set_schedule (out, load_schedule (l, el));
}

enum { SOURCE_ID, SOURCE_BASIS, SOURCE_TITLE, SOURCE_DATE, SOURCE_URL, N_SOURCE_ATTRS };
static const char * const source_attrs[] = { "id", "basis", "title", "date", "url" };

static void
load_sources (Loader      *l,
              xmlNode     *el,
              WflScenario *scenario)
{
  static const ChildSpec spec[] = { { "source", CHILD_REPEAT } };
  ChildIter it;
  xmlNode *child;
  guint slot;

  collect_attributes (l, el, NULL, 0, NULL);
  child_iter_init (&it, l, el, spec, G_N_ELEMENTS (spec));
  while (child_iter_next (&it, &child, &slot))
    {
      const char *v[N_SOURCE_ATTRS];
      WflSource *source = wfl_source_new (NULL);

      source->line = node_line (child);
      wfl_scenario_add_source (scenario, source);

      collect_attributes (l, child, source_attrs, N_SOURCE_ATTRS, v);
      check_empty (l, child);
      if (require (l, child, "id", v[SOURCE_ID]))
        parse_id (l, child, "id", v[SOURCE_ID], &source->id);
      PARSE_ENUM (l, child, "basis", v[SOURCE_BASIS], WflBasis, wfl_basis_from_string,
                  &source->basis, "seed, public, estimate");
      parse_string (v[SOURCE_TITLE], &source->title);
      parse_string (v[SOURCE_DATE], &source->date);
      parse_string (v[SOURCE_URL], &source->url);
    }
}

/* --- Format versions ------------------------------------------------------- */

/* Vocabulary of a newer format version than the file declares is an
 * error that names the version it needs. */
static gboolean
require_version (Loader     *l,
                 xmlNode    *el,
                 const char *what,
                 int         version)
{
  if (l->version >= version)
    return TRUE;
  add_problem (l, node_line (el),
               /* Translators: the first %s is e.g. "The <quota> element" */
               _("%s needs format version %d, but this file declares format-version=\"%d\""),
               what, version, l->version);
  return FALSE;
}

/* "The <name> element", for require_version(). */
gboolean
require_version_element (Loader  *l,
                         xmlNode *el,
                         int      version)
{
  g_autofree char *what = NULL;

  if (l->version >= version)
    return TRUE;
  what = g_strdup_printf (_("The <%s> element"), (const char *) el->name);
  return require_version (l, el, what, version);
}

/* "The “name” attribute of <element>", for require_version(). */
static gboolean
require_version_attribute (Loader     *l,
                           xmlNode    *el,
                           const char *name,
                           const char *value,
                           int         version)
{
  g_autofree char *what = NULL;

  if (value == NULL || l->version >= version)
    return TRUE;
  what = g_strdup_printf (_("The “%s” attribute of <%s>"), name, (const char *) el->name);
  return require_version (l, el, what, version);
}

/* --- Version-2 vocabulary: allocation and availability ---------------------- */

enum { GRANT_DONOR, GRANT_RECIPIENT, GRANT_QUANTITY, GRANT_FROM, GRANT_TO, GRANT_SOURCE,
       GRANT_CONFIDENCE, N_GRANT_ATTRS };
static const char * const grant_attrs[] = { "donor", "recipient", "quantity", "from", "to", "source",
                                            "confidence" };

static void
load_grant (Loader  *l,
            xmlNode *el,
            WflNode *node)
{
  const char *v[N_GRANT_ATTRS];
  WflGrant *grant = wfl_grant_new (NULL, NULL, 0, WFL_DATE_NONE);

  grant->line = node_line (el);
  g_ptr_array_add (node->grants, grant);

  require_version_element (l, el, 2);
  collect_attributes (l, el, grant_attrs, N_GRANT_ATTRS, v);
  check_empty (l, el);
  if (require (l, el, "donor", v[GRANT_DONOR]))
    parse_id (l, el, "donor", v[GRANT_DONOR], &grant->donor);
  if (require (l, el, "recipient", v[GRANT_RECIPIENT]))
    parse_id (l, el, "recipient", v[GRANT_RECIPIENT], &grant->recipient);
  if (require (l, el, "quantity", v[GRANT_QUANTITY]))
    parse_number (l, el, "quantity", v[GRANT_QUANTITY], TRUE, &grant->quantity);
  if (require (l, el, "from", v[GRANT_FROM]))
    parse_date (l, el, "from", v[GRANT_FROM], &grant->from);
  parse_date (l, el, "to", v[GRANT_TO], &grant->to);
  parse_id (l, el, "source", v[GRANT_SOURCE], &grant->source);
  parse_confidence (l, el, v[GRANT_CONFIDENCE], &grant->confidence);
}

/* <availability> holds dated <open> and <close> changes, kept as a
 * schedule of step points of value 1 (open) and 0 (close). */
static WflSchedule *
load_availability (Loader  *l,
                   xmlNode *el)
{
  enum { C_OPEN, C_CLOSE };
  static const ChildSpec spec[] = { { "open", CHILD_REPEAT }, { "close", CHILD_REPEAT } };
  static const char * const attrs[] = { "date", "source", "confidence" };
  WflSchedule *schedule = wfl_schedule_new ();
  ChildIter it;
  xmlNode *child;
  guint slot;

  require_version_element (l, el, 2);
  collect_attributes (l, el, NULL, 0, NULL);
  child_iter_init (&it, l, el, spec, G_N_ELEMENTS (spec));
  /* <open> and <close> interleave in date order: the iterator's order
   * check does not apply, so it is reset before each child. */
  while (it.last = -1, child_iter_next (&it, &child, &slot))
    {
      const char *v[G_N_ELEMENTS (attrs)];
      WflPoint *point = wfl_schedule_add_point (schedule, WFL_DATE_NONE, slot == C_OPEN ? 1 : 0,
                                                WFL_INTERPOLATE_STEP);

      point->line = node_line (child);
      collect_attributes (l, child, attrs, G_N_ELEMENTS (attrs), v);
      check_empty (l, child);
      if (require (l, child, "date", v[0]))
        parse_date (l, child, "date", v[0], &point->date);
      parse_id (l, child, "source", v[1], &point->source);
      parse_confidence (l, child, v[2], &point->confidence);
    }
  if (wfl_schedule_get_n_points (schedule) == 0)
    add_problem (l, node_line (el), _("<availability> needs an <open> or <close> element"));
  return schedule;
}

/* --- Version-2 vocabulary: demand (products, forecasts, inflation) ------- */

enum { PRODUCT_ID, PRODUCT_NAME, PRODUCT_COMPUTE, PRODUCT_SOURCE, PRODUCT_CONFIDENCE, N_PRODUCT_ATTRS };
static const char * const product_attrs[] = { "id", "name", "compute", "source", "confidence" };

static void
load_products (Loader      *l,
               xmlNode     *el,
               WflScenario *scenario)
{
  static const ChildSpec spec[] = { { "product", CHILD_REPEAT } };
  static const char * const attrs[] = { "compute-unit", "reference" };
  const char *v[N_PRODUCT_ATTRS];
  ChildIter it;
  xmlNode *child;
  guint slot;
  char *reference = NULL;

  require_version_element (l, el, 2);
  wfl_scenario_set_products_line (scenario, node_line (el));
  collect_attributes (l, el, attrs, G_N_ELEMENTS (attrs), v);
  wfl_scenario_set_compute_unit (scenario, v[0]);
  parse_id (l, el, "reference", v[1], &reference);
  wfl_scenario_set_reference_product (scenario, reference);
  g_free (reference);

  child_iter_init (&it, l, el, spec, G_N_ELEMENTS (spec));
  while (child_iter_next (&it, &child, &slot))
    {
      WflProduct *product = wfl_product_new (NULL);

      product->line = node_line (child);
      wfl_scenario_add_product (scenario, product);
      collect_attributes (l, child, product_attrs, N_PRODUCT_ATTRS, v);
      check_empty (l, child);
      if (require (l, child, "id", v[PRODUCT_ID]))
        parse_id (l, child, "id", v[PRODUCT_ID], &product->id);
      parse_string (v[PRODUCT_NAME], &product->name);
      parse_number (l, child, "compute", v[PRODUCT_COMPUTE], TRUE, &product->compute);
      parse_id (l, child, "source", v[PRODUCT_SOURCE], &product->source);
      parse_confidence (l, child, v[PRODUCT_CONFIDENCE], &product->confidence);
    }
}

enum { FORECAST_PRODUCT, FORECAST_HORIZON_WEEKS, FORECAST_SOURCE, FORECAST_CONFIDENCE, N_FORECAST_ATTRS };
static const char * const forecast_attrs[] = { "product", "horizon-weeks", "source", "confidence" };

/* <forecast product horizon-weeks source confidence> with <point>s of
 * units a week, like a <capacity> element. */
static void
load_forecast (Loader  *l,
               xmlNode *el,
               WflNode *node)
{
  const char *v[N_FORECAST_ATTRS];
  WflForecast *forecast = wfl_forecast_new (NULL, 0);
  WflSchedule *rate;

  forecast->line = node_line (el);
  g_ptr_array_add (node->forecasts, forecast);
  require_version_element (l, el, 2);
  /* load_schedule() reports attributes other than the ones named here:
   * read ours first, then let it see the points. */
  collect_attributes (l, el, forecast_attrs, N_FORECAST_ATTRS, v);
  parse_id (l, el, "product", v[FORECAST_PRODUCT], &forecast->product);
  if (require (l, el, "horizon-weeks", v[FORECAST_HORIZON_WEEKS]))
    parse_int (l, el, "horizon-weeks", v[FORECAST_HORIZON_WEEKS], TRUE, &forecast->horizon_weeks);
  parse_id (l, el, "source", v[FORECAST_SOURCE], &forecast->source);
  parse_confidence (l, el, v[FORECAST_CONFIDENCE], &forecast->confidence);
  rate = load_schedule_points (l, el);
  wfl_schedule_free (forecast->rate);
  forecast->rate = rate;
}

enum { ORDER_ID, ORDER_QUANTITY, ORDER_PLACED, ORDER_DUE, ORDER_PRIORITY, ORDER_SOURCE,
       ORDER_CONFIDENCE, ORDER_PRODUCT, ORDER_CANCELLED, N_ORDER_ATTRS };
static const char * const order_attrs[] = { "id", "quantity", "placed", "due", "priority", "source",
                                            "confidence", "product", "cancelled" };

static void
load_order (Loader  *l,
            xmlNode *el,
            WflNode *node)
{
  const char *v[N_ORDER_ATTRS];
  WflOrder *order = wfl_order_new (NULL, 0, WFL_DATE_NONE);

  order->line = node_line (el);
  g_ptr_array_add (node->orders, order);

  collect_attributes (l, el, order_attrs, N_ORDER_ATTRS, v);
  check_empty (l, el);
  if (require (l, el, "id", v[ORDER_ID]))
    parse_id (l, el, "id", v[ORDER_ID], &order->id);
  if (require (l, el, "quantity", v[ORDER_QUANTITY]))
    parse_number (l, el, "quantity", v[ORDER_QUANTITY], TRUE, &order->quantity);
  if (require (l, el, "placed", v[ORDER_PLACED]))
    parse_date (l, el, "placed", v[ORDER_PLACED], &order->placed);
  parse_date (l, el, "due", v[ORDER_DUE], &order->due);
  parse_int (l, el, "priority", v[ORDER_PRIORITY], FALSE, &order->priority);
  parse_id (l, el, "source", v[ORDER_SOURCE], &order->source);
  parse_confidence (l, el, v[ORDER_CONFIDENCE], &order->confidence);
  require_version_attribute (l, el, "product", v[ORDER_PRODUCT], 2);
  parse_id (l, el, "product", v[ORDER_PRODUCT], &order->product);
  require_version_attribute (l, el, "cancelled", v[ORDER_CANCELLED], 2);
  parse_date (l, el, "cancelled", v[ORDER_CANCELLED], &order->cancelled);
}

/* --- Capacity: pools, equipment and expansions (version 2) ---------------- */

static void
require_capacity_version (Loader      *l,
                          xmlNode     *el,
                          WflNodeKind  kind)
{
  g_autofree char *what = g_strdup_printf (_("A node of kind “%s”"), wfl_node_kind_to_string (kind));

  require_version (l, el, what, 2);
}

enum { EXPANSION_ORDERED, EXPANSION_CAPACITY, EXPANSION_LEAD_WEEKS, EXPANSION_QUALIFICATION_WEEKS,
       EXPANSION_SUPPLIER, EXPANSION_TOOLS, EXPANSION_SOURCE, EXPANSION_CONFIDENCE, N_EXPANSION_ATTRS };
static const char * const expansion_attrs[] = { "ordered", "capacity", "lead-weeks", "qualification-weeks",
                                                "supplier", "tools", "source", "confidence" };

static void
load_expansion (Loader  *l,
                xmlNode *el,
                WflNode *node)
{
  const char *v[N_EXPANSION_ATTRS];
  WflExpansion *expansion = wfl_expansion_new (WFL_DATE_NONE, 0);

  expansion->line = node_line (el);
  g_ptr_array_add (node->expansions, expansion);

  require_version_element (l, el, 2);
  collect_attributes (l, el, expansion_attrs, N_EXPANSION_ATTRS, v);
  check_empty (l, el);
  if (require (l, el, "ordered", v[EXPANSION_ORDERED]))
    parse_date (l, el, "ordered", v[EXPANSION_ORDERED], &expansion->ordered);
  if (require (l, el, "capacity", v[EXPANSION_CAPACITY]))
    parse_number (l, el, "capacity", v[EXPANSION_CAPACITY], TRUE, &expansion->capacity);
  parse_int (l, el, "lead-weeks", v[EXPANSION_LEAD_WEEKS], TRUE, &expansion->lead_weeks);
  parse_int (l, el, "qualification-weeks", v[EXPANSION_QUALIFICATION_WEEKS], TRUE,
             &expansion->qualification_weeks);
  parse_id (l, el, "supplier", v[EXPANSION_SUPPLIER], &expansion->supplier);
  parse_number (l, el, "tools", v[EXPANSION_TOOLS], TRUE, &expansion->tools);
  parse_id (l, el, "source", v[EXPANSION_SOURCE], &expansion->source);
  parse_confidence (l, el, v[EXPANSION_CONFIDENCE], &expansion->confidence);
}

enum { NODE_ID, NODE_KIND, NODE_NAME, NODE_UNIT, NODE_GROUP, NODE_CAPACITY, NODE_LEAD_WEEKS,
       NODE_YIELD, NODE_ALLOCATION, NODE_INITIAL_RATE, NODE_INITIAL_STOCK, NODE_SOURCE,
       NODE_CONFIDENCE, NODE_QUOTA_PERIOD, NODE_PRODUCT, NODE_BOOKED_TO_NEEDED, N_NODE_ATTRS };
static const char * const node_attrs[] = { "id", "kind", "name", "unit", "group", "capacity",
                                           "lead-weeks", "yield", "allocation", "initial-rate",
                                           "initial-stock", "source", "confidence", "quota-period",
                                           "product", "booked-to-needed" };

static void
load_node (Loader      *l,
           xmlNode     *el,
           WflScenario *scenario)
{
  enum { C_CAPACITY, C_YIELD, C_BOOKED_TO_NEEDED, C_NOTE, C_ORDER, C_FORECAST, C_GRANT, C_EXPANSION };
  static const ChildSpec spec[] = {
    { "capacity", 0 }, { "yield", 0 }, { "booked-to-needed", 0 }, { "note", 0 }, { "order", CHILD_REPEAT },
    { "forecast", CHILD_REPEAT }, { "grant", CHILD_REPEAT }, { "expansion", CHILD_REPEAT },
  };
  const char *v[N_NODE_ATTRS];
  WflNode *node = wfl_node_new (NULL, WFL_NODE_KIND_SUPPLY);
  ChildIter it;
  xmlNode *child;
  guint slot;

  node->line = node_line (el);
  wfl_scenario_add_node (scenario, node);

  collect_attributes (l, el, node_attrs, N_NODE_ATTRS, v);
  if (require (l, el, "id", v[NODE_ID]))
    parse_id (l, el, "id", v[NODE_ID], &node->id);
  if (require (l, el, "kind", v[NODE_KIND]))
    PARSE_ENUM (l, el, "kind", v[NODE_KIND], WflNodeKind, wfl_node_kind_from_string,
                &node->kind, "supply, process, customer, pool, equipment");
  if (node->kind == WFL_NODE_KIND_POOL || node->kind == WFL_NODE_KIND_EQUIPMENT)
    require_capacity_version (l, el, node->kind);
  parse_string (v[NODE_NAME], &node->name);
  parse_string (v[NODE_UNIT], &node->unit);
  parse_string (v[NODE_GROUP], &node->group);
  load_constant_schedule (l, el, "capacity", v[NODE_CAPACITY], &node->capacity);
  parse_int (l, el, "lead-weeks", v[NODE_LEAD_WEEKS], TRUE, &node->lead_weeks);
  load_constant_schedule (l, el, "yield", v[NODE_YIELD], &node->yield);
  PARSE_ENUM (l, el, "allocation", v[NODE_ALLOCATION], WflAllocation, wfl_allocation_from_string,
              &node->allocation, "proportional, priority, fixed-share, fair-share, weighted-fair-share, quota");
  if (node->allocation == WFL_ALLOCATION_WEIGHTED_FAIR_SHARE || node->allocation == WFL_ALLOCATION_QUOTA)
    {
      g_autofree char *what = g_strdup_printf (_("The allocation policy “%s”"), v[NODE_ALLOCATION]);

      require_version (l, el, what, 2);
    }
  if (require_version_attribute (l, el, "quota-period", v[NODE_QUOTA_PERIOD], 2))
    PARSE_ENUM (l, el, "quota-period", v[NODE_QUOTA_PERIOD], WflPeriod, wfl_period_from_string,
                &node->quota_period, "week, month, quarter");
  parse_number (l, el, "initial-rate", v[NODE_INITIAL_RATE], TRUE, &node->initial_rate);
  parse_number (l, el, "initial-stock", v[NODE_INITIAL_STOCK], TRUE, &node->initial_stock);
  parse_id (l, el, "source", v[NODE_SOURCE], &node->source);
  parse_confidence (l, el, v[NODE_CONFIDENCE], &node->confidence);
  require_version_attribute (l, el, "product", v[NODE_PRODUCT], 2);
  parse_id (l, el, "product", v[NODE_PRODUCT], &node->product);
  require_version_attribute (l, el, "booked-to-needed", v[NODE_BOOKED_TO_NEEDED], 2);
  load_constant_schedule (l, el, "booked-to-needed", v[NODE_BOOKED_TO_NEEDED], &node->booked_to_needed);

  child_iter_init (&it, l, el, spec, G_N_ELEMENTS (spec));
  while (child_iter_next (&it, &child, &slot))
    {
      switch (slot)
        {
        case C_CAPACITY:
          load_schedule_element (l, el, child, v[NODE_CAPACITY], &node->capacity);
          break;
        case C_YIELD:
          load_schedule_element (l, el, child, v[NODE_YIELD], &node->yield);
          break;
        case C_NOTE:
          g_free (node->note);
          node->note = element_text (l, child);
          break;
        case C_ORDER:
          load_order (l, child, node);
          break;
        case C_BOOKED_TO_NEEDED:
          require_version_element (l, child, 2);
          load_schedule_element (l, el, child, v[NODE_BOOKED_TO_NEEDED], &node->booked_to_needed);
          break;
        case C_FORECAST:
          load_forecast (l, child, node);
          break;
        case C_GRANT:
          load_grant (l, child, node);
          break;
        case C_EXPANSION:
          load_expansion (l, child, node);
          break;
        default:
          g_assert_not_reached ();
        }
    }
}

static void
load_nodes (Loader      *l,
            xmlNode     *el,
            WflScenario *scenario)
{
  static const ChildSpec spec[] = { { "node", CHILD_REPEAT } };
  ChildIter it;
  xmlNode *child;
  guint slot;

  collect_attributes (l, el, NULL, 0, NULL);
  child_iter_init (&it, l, el, spec, G_N_ELEMENTS (spec));
  while (child_iter_next (&it, &child, &slot))
    load_node (l, child, scenario);
}

enum { LINK_FROM, LINK_TO, LINK_INPUT, LINK_PER_UNIT, LINK_TRANSIT_WEEKS, LINK_COVER_WEEKS, LINK_MIX,
       LINK_PRIORITY, LINK_SHARE, LINK_SOURCE, LINK_CONFIDENCE, LINK_WEIGHT, LINK_QUOTA, N_LINK_ATTRS };
static const char * const link_attrs[] = { "from", "to", "input", "per-unit", "transit-weeks", "cover-weeks",
                                           "mix", "priority", "share", "source", "confidence", "weight",
                                           "quota" };

static void
load_link (Loader      *l,
           xmlNode     *el,
           WflScenario *scenario)
{
  enum { C_MIX, C_WEIGHT, C_QUOTA, C_AVAILABILITY };
  static const ChildSpec spec[] = { { "mix", 0 }, { "weight", 0 }, { "quota", 0 }, { "availability", 0 } };
  const char *v[N_LINK_ATTRS];
  WflLink *link = wfl_link_new (NULL, NULL);
  ChildIter it;
  xmlNode *child;
  guint slot;

  link->line = node_line (el);
  wfl_scenario_add_link (scenario, link);

  collect_attributes (l, el, link_attrs, N_LINK_ATTRS, v);
  if (require (l, el, "from", v[LINK_FROM]))
    parse_id (l, el, "from", v[LINK_FROM], &link->from);
  if (require (l, el, "to", v[LINK_TO]))
    parse_id (l, el, "to", v[LINK_TO], &link->to);
  parse_id (l, el, "input", v[LINK_INPUT], &link->input);
  parse_number (l, el, "per-unit", v[LINK_PER_UNIT], TRUE, &link->per_unit);
  parse_int (l, el, "transit-weeks", v[LINK_TRANSIT_WEEKS], TRUE, &link->transit_weeks);
  parse_int (l, el, "cover-weeks", v[LINK_COVER_WEEKS], TRUE, &link->cover_weeks);
  load_constant_schedule (l, el, "mix", v[LINK_MIX], &link->mix);
  parse_int (l, el, "priority", v[LINK_PRIORITY], FALSE, &link->priority);
  parse_number (l, el, "share", v[LINK_SHARE], TRUE, &link->share);
  parse_id (l, el, "source", v[LINK_SOURCE], &link->source);
  parse_confidence (l, el, v[LINK_CONFIDENCE], &link->confidence);
  if (require_version_attribute (l, el, "weight", v[LINK_WEIGHT], 2))
    load_constant_schedule (l, el, "weight", v[LINK_WEIGHT], &link->weight);
  if (require_version_attribute (l, el, "quota", v[LINK_QUOTA], 2))
    load_constant_schedule (l, el, "quota", v[LINK_QUOTA], &link->quota);

  child_iter_init (&it, l, el, spec, G_N_ELEMENTS (spec));
  while (child_iter_next (&it, &child, &slot))
    {
      switch (slot)
        {
        case C_MIX:
          load_schedule_element (l, el, child, v[LINK_MIX], &link->mix);
          break;
        case C_WEIGHT:
          require_version_element (l, child, 2);
          load_schedule_element (l, el, child, v[LINK_WEIGHT], &link->weight);
          break;
        case C_QUOTA:
          require_version_element (l, child, 2);
          load_schedule_element (l, el, child, v[LINK_QUOTA], &link->quota);
          break;
        case C_AVAILABILITY:
          set_schedule (&link->availability, load_availability (l, child));
          break;
        default:
          g_assert_not_reached ();
        }
    }
}

static void
load_links (Loader      *l,
            xmlNode     *el,
            WflScenario *scenario)
{
  static const ChildSpec spec[] = { { "link", CHILD_REPEAT } };
  ChildIter it;
  xmlNode *child;
  guint slot;

  collect_attributes (l, el, NULL, 0, NULL);
  child_iter_init (&it, l, el, spec, G_N_ELEMENTS (spec));
  while (child_iter_next (&it, &child, &slot))
    load_link (l, child, scenario);
}

static void
load_views (Loader      *l,
            xmlNode     *el,
            WflScenario *scenario)
{
  enum { C_SANKEY, C_GANTT };
  static const ChildSpec spec[] = { { "sankey", 0 }, { "gantt", 0 } };
  static const ChildSpec sankey_spec[] = { { "pin", CHILD_REPEAT } };
  static const char * const sankey_attrs[] = { "from", "to" };
  static const char * const pin_attrs[] = { "node", "column", "position" };
  static const char * const gantt_attrs[] = { "mode", "zoom", "as-of" };
  static const char * const views_attrs[] = { "measure" };
  WflViews *views = wfl_scenario_get_views (scenario);
  ChildIter it;
  xmlNode *child;
  guint slot;
  const char *measure[1];

  collect_attributes (l, el, views_attrs, G_N_ELEMENTS (views_attrs), measure);
  require_version_attribute (l, el, "measure", measure[0], 2);
  PARSE_ENUM (l, el, "measure", measure[0], WflMeasure, wfl_measure_from_string,
              &views->measure, "units, compute");
  child_iter_init (&it, l, el, spec, G_N_ELEMENTS (spec));
  while (child_iter_next (&it, &child, &slot))
    {
      const char *v[3];

      if (slot == C_SANKEY)
        {
          ChildIter pins;
          xmlNode *pin_el;
          guint pin_slot;

          views->has_sankey = TRUE;
          collect_attributes (l, child, sankey_attrs, G_N_ELEMENTS (sankey_attrs), v);
          parse_date (l, child, "from", v[0], &views->sankey_from);
          parse_date (l, child, "to", v[1], &views->sankey_to);

          child_iter_init (&pins, l, child, sankey_spec, G_N_ELEMENTS (sankey_spec));
          while (child_iter_next (&pins, &pin_el, &pin_slot))
            {
              WflPin *pin = wfl_pin_new (NULL);
              double position;

              g_ptr_array_add (views->pins, pin);
              collect_attributes (l, pin_el, pin_attrs, G_N_ELEMENTS (pin_attrs), v);
              check_empty (l, pin_el);
              if (require (l, pin_el, "node", v[0]))
                parse_id (l, pin_el, "node", v[0], &pin->node);
              parse_int (l, pin_el, "column", v[1], TRUE, &pin->column);
              if (parse_number (l, pin_el, "position", v[2], TRUE, &position))
                pin->position = position;
            }
        }
      else
        {
          views->has_gantt = TRUE;
          collect_attributes (l, child, gantt_attrs, G_N_ELEMENTS (gantt_attrs), v);
          check_empty (l, child);
          PARSE_ENUM (l, child, "mode", v[0], WflGanttMode, wfl_gantt_mode_from_string,
                      &views->gantt_mode, "orders, pipeline");
          PARSE_ENUM (l, child, "zoom", v[1], WflZoom, wfl_zoom_from_string,
                      &views->gantt_zoom, "week, month, quarter, year");
          parse_date (l, child, "as-of", v[2], &views->gantt_as_of);
        }
    }
}

static void
load_calendar (Loader      *l,
               xmlNode     *el,
               WflScenario *scenario)
{
  static const char * const attrs[] = { "start", "weeks" };
  const char *v[2];
  WflDate start = wfl_scenario_get_start (scenario);
  int weeks = wfl_scenario_get_weeks (scenario);

  collect_attributes (l, el, attrs, G_N_ELEMENTS (attrs), v);
  check_empty (l, el);
  if (require (l, el, "start", v[0]))
    parse_date (l, el, "start", v[0], &start);
  if (require (l, el, "weeks", v[1]))
    parse_int (l, el, "weeks", v[1], TRUE, &weeks);
  wfl_scenario_set_calendar (scenario, start, weeks);
  wfl_scenario_set_calendar_line (scenario, node_line (el));
}

/* Returns FALSE when the document is not one we can read at all (wrong
 * root, newer version): nothing else is worth reporting then. */
static gboolean
load_root (Loader      *l,
           xmlNode     *root,
           WflScenario *scenario)
{
  enum { C_TITLE, C_DESCRIPTION, C_CALENDAR, C_SOURCES, C_PRODUCTS, C_NODES, C_LINKS, C_UNCERTAINTY,
         C_EXPERIMENTS, C_VIEWS };
  static const ChildSpec spec[] = {
    { "title", 0 }, { "description", 0 }, { "calendar", CHILD_REQUIRED }, { "sources", 0 },
    { "products", 0 }, { "nodes", 0 }, { "links", 0 }, { "uncertainty", 0 }, { "experiments", 0 },
    { "views", 0 },
  };
  static const char * const root_attrs[] = { "format-version" };
  const char *v[1];
  ChildIter it;
  xmlNode *child;
  guint slot;

  if (strcmp ((const char *) root->name, "scenario") != 0 || !is_ours (root->ns))
    {
      if (root->ns == NULL)
        add_problem (l, node_line (root),
                     _("This is not a Waferline scenario: the root element is <%s> in no namespace, "
                       "not <scenario> in the namespace “%s”"),
                     (const char *) root->name, WFL_SCENARIO_NAMESPACE);
      else
        add_problem (l, node_line (root),
                     _("This is not a Waferline scenario: the root element is <%s> in the namespace “%s”, "
                       "not <scenario> in the namespace “%s”"),
                     (const char *) root->name, (const char *) root->ns->href, WFL_SCENARIO_NAMESPACE);
      return FALSE;
    }

  collect_attributes (l, root, root_attrs, G_N_ELEMENTS (root_attrs), v);
  if (require (l, root, "format-version", v[0]))
    {
      const char *version = v[0];
      gsize digits = strspn (version, "0123456789");

      /* Digits without sign or leading zero; any number above ours (even
       * one too large for an int) is a newer version. */
      if (version[0] < '1' || version[0] > '9' || version[digits] != '\0')
        add_problem (l, node_line (root),
                     _("“%s” is not a valid format-version: it is a whole number from 1, written without sign or leading zeros"),
                     version);
      else if (digits > 9 || atoi (version) > WFL_SCENARIO_FORMAT_VERSION)
        {
          g_ptr_array_set_size (l->problems, 0);
          add_problem (l, node_line (root),
                       _("This scenario has format version %s, which is newer than this version "
                         "of Waferline can read (format version %d and older); please update Waferline"),
                       version, WFL_SCENARIO_FORMAT_VERSION);
          l->code = WFL_SCENARIO_ERROR_VERSION;
          return FALSE;
        }
      else
        l->version = atoi (version);
    }
  wfl_scenario_set_format_version (scenario, l->version);

  child_iter_init (&it, l, root, spec, G_N_ELEMENTS (spec));
  while (child_iter_next (&it, &child, &slot))
    {
      g_autofree char *text = NULL;

      switch (slot)
        {
        case C_TITLE:
          text = element_text (l, child);
          wfl_scenario_set_title (scenario, text);
          break;
        case C_DESCRIPTION:
          text = element_text (l, child);
          wfl_scenario_set_description (scenario, text);
          break;
        case C_CALENDAR:
          load_calendar (l, child, scenario);
          break;
        case C_SOURCES:
          load_sources (l, child, scenario);
          break;
        case C_PRODUCTS:
          load_products (l, child, scenario);
          break;
        case C_NODES:
          load_nodes (l, child, scenario);
          break;
        case C_LINKS:
          load_links (l, child, scenario);
          break;
        case C_UNCERTAINTY:
          _wfl_uncertainty_xml_load_uncertainty (l, child, scenario);
          break;
        case C_EXPERIMENTS:
          _wfl_uncertainty_xml_load_experiments (l, child, scenario);
          break;
        case C_VIEWS:
          load_views (l, child, scenario);
          break;
        default:
          g_assert_not_reached ();
        }
    }

  return TRUE;
}

static int
compare_problems (gconstpointer a,
                  gconstpointer b)
{
  const WflProblem *pa = *(WflProblem * const *) a;
  const WflProblem *pb = *(WflProblem * const *) b;

  return (pa->line > pb->line) - (pa->line < pb->line);
}

/* Adds the model's problems (wfl_scenario_validate()) to the conversion's.
 * A value the conversion refused is left at its default (an id at NULL, a
 * number at 0), which the model's rules may then refuse too: a line that
 * already has a problem of the conversion gets none of the model's, so
 * that no problem is reported twice. */
static void
add_model_problems (Loader    *l,
                    GPtrArray *invalid)
{
  g_autoptr(GHashTable) lines = g_hash_table_new (NULL, NULL);
  gboolean converted = l->problems->len == 0;

  if (invalid == NULL || invalid->len == 0)
    return;

  for (guint i = 0; i < l->problems->len; i++)
    {
      int line = ((WflProblem *) g_ptr_array_index (l->problems, i))->line;

      if (line > 0)
        g_hash_table_add (lines, GINT_TO_POINTER (line));
    }

  for (guint i = 0; i < invalid->len; i++)
    {
      WflProblem *problem = g_ptr_array_index (invalid, i);

      if (problem->line > 0 && g_hash_table_contains (lines, GINT_TO_POINTER (problem->line)))
        continue;
      if (l->problems->len >= MAX_PROBLEMS)
        {
          l->truncated = TRUE;
          break;
        }
      g_ptr_array_add (l->problems, g_steal_pointer (&g_ptr_array_index (invalid, i)));
    }

  if (converted && l->problems->len > 0)
    l->code = WFL_SCENARIO_ERROR_INVALID;
}

static WflScenario *
load (Loader     *l,
      const char *data,
      gsize       length)
{
  g_autoptr(xmlDoc) doc = NULL;
  g_autoptr(WflScenario) scenario = NULL;
  g_autoptr(GPtrArray) invalid = NULL;

  if (!check_bytes (l, data, length))
    return NULL;

  doc = parse (l, data, length);
  if (doc == NULL)
    return NULL;

  scenario = wfl_scenario_new ();
  if (!load_root (l, xmlDocGetRootElement (doc), scenario))
    return NULL;

  /* libxml2's RELAX NG validation costs ten to fifty times the parse, so
   * large files rely on the conversion alone, which checks the same
   * grammar (the tests and the fuzz target hold the two to agreement). */
  if (l->problems->len == 0 &&
      ((l->flags & WFL_LOAD_FORCE_SCHEMA) || length <= WFL_SCENARIO_SCHEMA_CHECK_MAX_SIZE))
    check_schema (l, doc);

  /* The model's rules are checked even when the conversion found
   * problems, so that one run reports them all. */
  if (!(l->flags & WFL_LOAD_GRAMMAR_ONLY))
    {
      invalid = wfl_scenario_validate (scenario);
      add_model_problems (l, invalid);
    }
  if (l->problems->len > 0)
    {
      g_ptr_array_sort (l->problems, compare_problems);
      return NULL;
    }

  return g_steal_pointer (&scenario);
}

/* XML reads a lone CR (old Mac OS line ends) as a line end, but libxml2
 * counts lines by LF only: every problem of such a file would be on
 * line 1.  A copy with LF for each lone CR reads the same and counts
 * right (CRLF is left alone); NULL when there is none. */
static char *
normalise_line_ends (const char *data,
                     gsize       length)
{
  const char *end = data + length;
  const char *p = length > 0 ? memchr (data, '\r', length) : NULL;
  char *copy = NULL;

  for (; p != NULL; p = memchr (p + 1, '\r', end - p - 1))
    {
      if (p + 1 < end && p[1] == '\n')
        continue;
      if (copy == NULL)
        copy = g_memdup2 (data, length);
      copy[p - data] = '\n';
      if (p + 1 >= end)
        break;
    }
  return copy;
}

static void
xml_init (void)
{
  static gsize initialised = 0;

  if (g_once_init_enter (&initialised))
    {
      xmlInitParser ();
      g_once_init_leave (&initialised, 1);
    }
}

WflScenario *
wfl_scenario_load_data (const char  *data,
                        gsize        length,
                        const char  *display_name,
                        GPtrArray  **problems,
                        GError     **error)
{
  return _wfl_scenario_load_data_full (data, length, display_name, 0, problems, error);
}

WflScenario *
_wfl_scenario_load_data_full (const char    *data,
                              gsize          length,
                              const char    *display_name,
                              WflLoadFlags   flags,
                              GPtrArray    **problems,
                              GError       **error)
{
  Loader l = { 0 };
  g_autofree char *normalised = NULL;
  WflScenario *scenario;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (display_name == NULL)
    display_name = _("scenario");

  xml_init ();

  l.flags = flags;
  l.version = 1;
  l.problems = g_ptr_array_new_with_free_func ((GDestroyNotify) wfl_problem_free);
  l.scratch = g_ptr_array_new_with_free_func (xmlFree);

  normalised = length <= WFL_SCENARIO_MAX_FILE_SIZE ? normalise_line_ends (data, length) : NULL;
  scenario = load (&l, normalised != NULL ? normalised : data, length);

  if (scenario == NULL)
    {
      g_autoptr(GString) message = g_string_new (NULL);

      if (l.problems->len == 0)
        add_problem (&l, 0, _("The file could not be read"));
      if (l.code == 0)
        l.code = WFL_SCENARIO_ERROR_PARSE;

      for (guint i = 0; i < l.problems->len; i++)
        {
          const WflProblem *problem = g_ptr_array_index (l.problems, i);

          if (i > 0)
            g_string_append_c (message, '\n');
          if (problem->line > 0)
            g_string_append_printf (message, "%s:%d: %s", display_name, problem->line, problem->message);
          else
            g_string_append_printf (message, "%s: %s", display_name, problem->message);
        }
      if (l.truncated)
        g_string_append_printf (message, "\n%s: %s", display_name, _("(more problems not shown)"));

      g_set_error_literal (error, WFL_SCENARIO_ERROR, l.code, message->str);
    }

  if (problems != NULL)
    *problems = g_steal_pointer (&l.problems);
  g_clear_pointer (&l.problems, g_ptr_array_unref);
  g_ptr_array_unref (l.scratch);

  return scenario;
}

static WflScenario *
load_file_full (GFile         *file,
                WflLoadFlags   flags,
                GCancellable  *cancellable,
                GPtrArray    **problems,
                GError       **error);

WflScenario *
wfl_scenario_load_file (GFile         *file,
                        GCancellable  *cancellable,
                        GPtrArray    **problems,
                        GError       **error)
{
  return load_file_full (file, 0, cancellable, problems, error);
}

WflScenario *
wfl_scenario_load_file_unchecked (GFile         *file,
                                  GCancellable  *cancellable,
                                  GError       **error)
{
  return load_file_full (file, WFL_LOAD_GRAMMAR_ONLY, cancellable, NULL, error);
}

static WflScenario *
load_file_full (GFile         *file,
                WflLoadFlags   flags,
                GCancellable  *cancellable,
                GPtrArray    **problems,
                GError       **error)
{
  g_autofree char *name = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gboolean too_large = FALSE;
  gsize size;
  const char *data;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (problems != NULL)
    *problems = NULL;

  name = g_file_get_parse_name (file);
  bytes = _wfl_scenario_read_bounded (file, WFL_SCENARIO_MAX_FILE_SIZE, cancellable, &too_large, error);
  if (too_large)
    {
      g_autofree char *limit = g_format_size_full (WFL_SCENARIO_MAX_FILE_SIZE, G_FORMAT_SIZE_IEC_UNITS);
      WflProblem *problem = wfl_problem_new (0, _("The file is larger than %s, the limit for scenario files"),
                                             limit);

      g_set_error (error, WFL_SCENARIO_ERROR, WFL_SCENARIO_ERROR_TOO_LARGE, "%s: %s", name, problem->message);
      if (problems != NULL)
        {
          *problems = g_ptr_array_new_with_free_func ((GDestroyNotify) wfl_problem_free);
          g_ptr_array_add (*problems, problem);
        }
      else
        wfl_problem_free (problem);
      return NULL;
    }
  if (bytes == NULL)
    return NULL;

  data = g_bytes_get_data (bytes, &size);
  return _wfl_scenario_load_data_full (data != NULL ? data : "", size, name, flags, problems, error);
}

WflScenario *
wfl_scenario_new_builtin (GError **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *data;
  gsize size;

  bytes = g_resource_lookup_data (_wfl_scenario_model_resource (), WFL_SCENARIO_BUILTIN_RESOURCE,
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, &local_error);
  if (bytes == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("The built-in scenario is missing: %s"), local_error->message);
      return NULL;
    }

  data = g_bytes_get_data (bytes, &size);
  return wfl_scenario_load_data (data, size, "ai-hardware-2023-2025.waferline", NULL, error);
}
