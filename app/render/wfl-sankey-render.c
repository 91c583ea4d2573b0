/* wfl-sankey-render.c: the Sankey painter
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wfl-sankey"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "wfl-sankey-render.h"
#include "wfl-sankey-render-private.h"

#define DIM_ALPHA 0.07
#define LABEL_PAD 5.0

void
wfl_sankey_render_state_init (WflSankeyRenderState *state)
{
  *state = (WflSankeyRenderState) {
    .hover = { WFL_SANKEY_HIT_NONE, 0 },
    .selected = { WFL_SANKEY_HIT_NONE, 0 },
    .flagged = { WFL_SANKEY_HIT_NONE, 0 },
    .link_color = WFL_SANKEY_LINK_COLOR_GRADIENT,
    .labels = TRUE,
  };
}

static void
set_rgba (cairo_t       *cr,
          const WflRgba *c,
          double         alpha)
{
  cairo_set_source_rgba (cr, c->r, c->g, c->b, c->a * alpha);
}

static const WflRgba *
node_color (const WflChartStyle         *style,
            const WflSankeyNodeGeometry *g)
{
  return &style->categorical[g->color % WFL_CHART_N_CATEGORICAL];
}

/* Marks what lies upstream and downstream of the focus. */
static void
light_up (const WflSankeyLayout *layout,
          WflSankeyHit           focus,
          guint8                *node_lit,
          guint8                *link_lit)
{
  WflSankeyGraph *graph = wfl_sankey_layout_get_graph (layout);
  guint n = wfl_sankey_graph_get_n_nodes (graph);
  guint m = wfl_sankey_graph_get_n_links (graph);
  g_autofree guint *in_start = g_new0 (guint, n + 1), *out_start = g_new0 (guint, n + 1);
  g_autofree guint *in_list = g_new (guint, m + 1), *out_list = g_new (guint, m + 1);
  g_autofree guint *queue = g_new (guint, n + 1);
  g_autofree guint8 *seen = NULL;

  for (guint l = 0; l < m; l++)
    {
      const WflSankeyLink *link = wfl_sankey_graph_get_link (graph, l);

      in_start[link->target + 1]++;
      out_start[link->source + 1]++;
    }
  for (guint v = 0; v < n; v++)
    {
      in_start[v + 1] += in_start[v];
      out_start[v + 1] += out_start[v];
    }
  {
    g_autofree guint *fi = g_memdup2 (in_start, sizeof (guint) * (n + 1));
    g_autofree guint *fo = g_memdup2 (out_start, sizeof (guint) * (n + 1));

    for (guint l = 0; l < m; l++)
      {
        const WflSankeyLink *link = wfl_sankey_graph_get_link (graph, l);

        in_list[fi[link->target]++] = l;
        out_list[fo[link->source]++] = l;
      }
  }

  for (int dir = 0; dir < 2; dir++)
    {
      gboolean down = dir == 0;
      guint head = 0, tail = 0;

      g_clear_pointer (&seen, g_free);
      seen = g_new0 (guint8, n + 1);
      if (focus.kind == WFL_SANKEY_HIT_NODE)
        queue[tail++] = focus.index;
      else
        {
          const WflSankeyLink *link = wfl_sankey_graph_get_link (graph, focus.index);

          link_lit[focus.index] = 1;
          queue[tail++] = down ? link->target : link->source;
        }
      seen[queue[0]] = 1;
      node_lit[queue[0]] = 1;
      while (head < tail)
        {
          guint v = queue[head++];
          const guint *start = down ? out_start : in_start;
          const guint *list = down ? out_list : in_list;

          for (guint k = start[v]; k < start[v + 1]; k++)
            {
              const WflSankeyLink *link = wfl_sankey_graph_get_link (graph, list[k]);
              guint w = down ? link->target : link->source;

              link_lit[list[k]] = 1;
              node_lit[w] = 1;
              if (!seen[w])
                {
                  seen[w] = 1;
                  queue[tail++] = w;
                }
            }
        }
    }
}

static void
band_path (cairo_t              *cr,
           const WflSankeyPoint *p,
           guint                 n,
           double                half)
{
  cairo_new_path (cr);
  cairo_move_to (cr, p[0].x, p[0].y - half);
  for (guint k = 0; k + 1 < n; k++)
    {
      if (k % 2 == 0)
        {
          double xm = (p[k].x + p[k + 1].x) / 2;

          cairo_curve_to (cr, xm, p[k].y - half, xm, p[k + 1].y - half, p[k + 1].x, p[k + 1].y - half);
        }
      else
        cairo_line_to (cr, p[k + 1].x, p[k + 1].y - half);
    }
  cairo_line_to (cr, p[n - 1].x, p[n - 1].y + half);
  for (guint k = n - 1; k > 0; k--)
    {
      if ((k - 1) % 2 == 0)
        {
          double xm = (p[k].x + p[k - 1].x) / 2;

          cairo_curve_to (cr, xm, p[k].y + half, xm, p[k - 1].y + half, p[k - 1].x, p[k - 1].y + half);
        }
      else
        cairo_line_to (cr, p[k - 1].x, p[k - 1].y + half);
    }
  cairo_close_path (cr);
}

/* A polyline with rounded corners (the loops). */
static void
loop_path (cairo_t              *cr,
           const WflSankeyPoint *p,
           guint                 n,
           double                radius)
{
  cairo_new_path (cr);
  cairo_move_to (cr, p[0].x, p[0].y);
  for (guint k = 1; k + 1 < n; k++)
    {
      double in_len = hypot (p[k].x - p[k - 1].x, p[k].y - p[k - 1].y);
      double out_len = hypot (p[k + 1].x - p[k].x, p[k + 1].y - p[k].y);
      double r = MIN (radius, MIN (in_len, out_len) / 2);
      double ax, ay, bx, by;

      if (in_len <= 0 || out_len <= 0)
        continue;
      ax = p[k].x - (p[k].x - p[k - 1].x) / in_len * r;
      ay = p[k].y - (p[k].y - p[k - 1].y) / in_len * r;
      bx = p[k].x + (p[k + 1].x - p[k].x) / out_len * r;
      by = p[k].y + (p[k + 1].y - p[k].y) / out_len * r;
      cairo_line_to (cr, ax, ay);
      /* A quarter circle, near enough, as a cubic. */
      cairo_curve_to (cr,
                      ax + (p[k].x - ax) * 0.5523, ay + (p[k].y - ay) * 0.5523,
                      bx + (p[k].x - bx) * 0.5523, by + (p[k].y - by) * 0.5523,
                      bx, by);
    }
  cairo_line_to (cr, p[n - 1].x, p[n - 1].y);
}

/* Bands straight into an image surface.
 *
 * A band is its centre curve y = f (x) thickened vertically by ±half,
 * so the share of a pixel column [c, c + 1) × row [r, r + 1) it covers
 * is the integral over the column of |[r, r + 1] ∩ [f - half, f + half]|:
 * with C (t) = clamp (t, 0, 1), ∫ C (f + half - r) - C (f - half - r) dx,
 * which has a closed form on each straight piece of the flattened
 * centre.  That is the exact area coverage (finer than cairo's 256 × 15
 * sampling grid), computed column by column for only the pixels the
 * band touches; cairo's scan converter and one pixman call per row are
 * what made raster frames slow.  Used for image targets with an
 * axis-aligned transform and a rectangular pixel-aligned clip; anything
 * else (SVG, PDF, rotation, odd clips) goes through cairo paths.
 *
 * Runs of such bands are rasterised by up to MAX_BAND_THREADS threads,
 * each over its own horizontal slice of rows (band_raster_run ()): the
 * threads touch only the surface's memory, never a cairo object, and
 * join before cairo draws again.  A thread per run costs some 30 µs,
 * less than a pool's bookkeeping is worth here. */
typedef struct
{
  cairo_surface_t *surface;
  guint8          *data;
  int              stride;
  double           sx, sy, tx, ty;    /* user → pixel: x * sx + tx */
  int              cx0, cy0, cx1, cy1; /* clip box, pixels, half-open */
  /* Coverage of a strip of STRIP columns from col, row by row (so that
   * compositing walks memory in order), and the rows in use. */
  float           *cov;
  int              col;               /* or G_MININT */
  int              rmin, rmax;
  /* The band being drawn: colour at either end, premultiplied by
   * opacity, and the x range the gradient runs over (pixels). */
  double           c0[4], c1[4];
  double           gx0, gx1;
} BandRaster;

#define FLATTEN_TOLERANCE 0.05
#define STRIP 16

static gboolean
near_integer (double v,
              int   *out)
{
  double r = round (v);

  if (fabs (v - r) > 1e-6 || fabs (r) > G_MAXINT / 2)
    return FALSE;
  *out = (int) r;
  return TRUE;
}

static gboolean
band_raster_begin (BandRaster *r,
                   cairo_t    *cr)
{
  cairo_surface_t *target = cairo_get_group_target (cr);
  cairo_rectangle_list_t *clip;
  cairo_format_t format;
  cairo_matrix_t m;
  double dox, doy, dsx, dsy;
  int x0, y0, x1, y1;
  gboolean ok;

  if (cairo_surface_get_type (target) != CAIRO_SURFACE_TYPE_IMAGE ||
      cairo_surface_status (target) != CAIRO_STATUS_SUCCESS ||
      cairo_get_operator (cr) != CAIRO_OPERATOR_OVER)
    return FALSE;
  format = cairo_image_surface_get_format (target);
  if (format != CAIRO_FORMAT_ARGB32 && format != CAIRO_FORMAT_RGB24)
    return FALSE;
  cairo_get_matrix (cr, &m);
  if (m.xy != 0 || m.yx != 0 || !(m.xx > 0) || !(m.yy > 0))
    return FALSE;
  cairo_surface_get_device_offset (target, &dox, &doy);
  cairo_surface_get_device_scale (target, &dsx, &dsy);
  r->sx = m.xx * dsx;
  r->sy = m.yy * dsy;
  r->tx = m.x0 * dsx + dox;
  r->ty = m.y0 * dsy + doy;

  clip = cairo_copy_clip_rectangle_list (cr);
  ok = clip->status == CAIRO_STATUS_SUCCESS && clip->num_rectangles == 1 &&
       near_integer (clip->rectangles[0].x * r->sx + r->tx, &x0) &&
       near_integer (clip->rectangles[0].y * r->sy + r->ty, &y0) &&
       near_integer ((clip->rectangles[0].x + clip->rectangles[0].width) * r->sx + r->tx, &x1) &&
       near_integer ((clip->rectangles[0].y + clip->rectangles[0].height) * r->sy + r->ty, &y1);
  cairo_rectangle_list_destroy (clip);
  if (!ok)
    return FALSE;
  r->cx0 = MAX (x0, 0);
  r->cy0 = MAX (y0, 0);
  r->cx1 = MIN (x1, cairo_image_surface_get_width (target));
  r->cy1 = MIN (y1, cairo_image_surface_get_height (target));
  if (r->cx1 <= r->cx0 || r->cy1 <= r->cy0)
    return FALSE;

  cairo_surface_flush (target);
  r->surface = target;
  r->data = cairo_image_surface_get_data (target);
  r->stride = cairo_image_surface_get_stride (target);
  if (r->data == NULL)
    return FALSE;
  r->cov = NULL;   /* each slice of rows has its own */
  r->col = G_MININT;
  r->rmin = G_MAXINT;
  r->rmax = G_MININT;
  return TRUE;
}

static void
band_raster_end (BandRaster *r)
{
  g_clear_pointer (&r->cov, g_free);
  cairo_surface_mark_dirty (r->surface);
}

/* ∫ clamp (s, 0, 1) ds */
static inline double
clamp_antiderivative (double s)
{
  return s <= 0 ? 0 : s >= 1 ? s - 0.5 : s * s / 2;
}

/* x · a / 255 on each byte of x, rounded (pixman's UN8x4_MUL_UN8). */
static inline guint32
mul_un8x4 (guint32 x,
           guint32 a)
{
  guint32 rb = (x & 0x00ff00ff) * a + 0x00800080;
  guint32 ag = ((x >> 8) & 0x00ff00ff) * a + 0x00800080;

  rb = ((rb + ((rb >> 8) & 0x00ff00ff)) >> 8) & 0x00ff00ff;
  ag = (ag + ((ag >> 8) & 0x00ff00ff)) & 0xff00ff00;
  return rb | ag;
}

/* Composites the finished strip onto the surface: the band's colour
 * at each column, masked by the coverage quantised to 8 bits, OVER what
 * is there (pixman's arithmetic, so it matches cairo's). */
static void
band_raster_flush (BandRaster *r)
{
  guint32 src[STRIP];
  guint8 *row;
  int n;

  if (r->rmin > r->rmax)
    return;
  n = MIN (STRIP, r->cx1 - r->col);
  for (int j = 0; j < n; j++)
    {
      double t = r->gx1 > r->gx0 ? CLAMP ((r->col + j + 0.5 - r->gx0) / (r->gx1 - r->gx0), 0, 1) : 0;
      static const int shift[4] = { 16, 8, 0, 24 };

      src[j] = 0;
      for (int i = 0; i < 4; i++)
        {
          double v = r->c0[i] + (r->c1[i] - r->c0[i]) * t;

          src[j] |= (guint32) CLAMP ((int) (v * 255 + 0.5), 0, 255) << shift[i];
        }
    }

  row = r->data + (gsize) r->rmin * r->stride + (gsize) r->col * 4;
  for (int y = r->rmin; y <= r->rmax; y++, row += r->stride)
    {
      float *cv = &r->cov[(gsize) (y - r->cy0) * STRIP];
      guint32 *px = (guint32 *) (gpointer) row;

      /* Rows lie a stride apart: fetch a few ahead, the surface is
       * rarely in cache. */
      if (y + 6 <= r->rmax)
        __builtin_prefetch (row + 6 * (gsize) r->stride, 1);
      for (int j = 0; j < n; j++)
        {
          int k = (int) (cv[j] * 255 + 0.5f);
          guint32 s;

          cv[j] = 0;
          if (k <= 0)
            continue;
          s = k >= 255 ? src[j] : mul_un8x4 (src[j], (guint32) k);
          px[j] = s + mul_un8x4 (px[j], 255 - (s >> 24));
        }
    }
  r->rmin = G_MAXINT;
  r->rmax = G_MININT;
}

/* Adds the band over the straight centre piece (xa, ya)–(xb, yb), all
 * within one pixel column, half thick: row y gets
 * ∫ C (f + half − y) − C (f − half − y) dx. */
static void
band_raster_piece (BandRaster *r,
                   int         c,
                   double      xa,
                   double      ya,
                   double      xb,
                   double      yb,
                   double      half)
{
  double len = xb - xa, dy = yb - ya;
  double flat = fabs (dy) < 1e-6, inv_dy = flat ? 0 : len / dy;
  double lo_y = MIN (ya, yb), hi_y = MAX (ya, yb);
  int lo, hi, full_lo, full_hi;
  float *cv;

  if (len <= 0 || c < r->cx0 || c >= r->cx1)
    return;
  if (c < r->col || c >= r->col + STRIP)
    {
      band_raster_flush (r);
      r->col = r->cx0 + (c - r->cx0) / STRIP * STRIP;
    }
  cv = &r->cov[c - r->col];
  lo = MAX ((int) floor (lo_y - half), r->cy0);
  hi = MIN ((int) floor (hi_y + half), r->cy1 - 1);
  if (lo > hi)
    return;
  /* Rows wholly inside the band all along the piece. */
  full_lo = (int) ceil (hi_y - half);
  full_hi = (int) floor (lo_y + half) - 1;

  for (int y = lo; y <= hi; y++)
    {
      double cover;

      if (y >= full_lo && y <= full_hi)
        cover = len;
      else if (flat)
        {
          double m = (ya + yb) / 2;

          cover = len * (CLAMP (m + half - y, 0, 1) - CLAMP (m - half - y, 0, 1));
        }
      else
        cover = (clamp_antiderivative (yb + half - y) - clamp_antiderivative (ya + half - y) -
                 clamp_antiderivative (yb - half - y) + clamp_antiderivative (ya - half - y)) * inv_dy;
      cv[(gsize) (y - r->cy0) * STRIP] += (float) cover;
    }
  r->rmin = MIN (r->rmin, lo);
  r->rmax = MAX (r->rmax, hi);
}

/* The centre from (xa, ya) to (xb, yb) in pixels, x not decreasing. */
static void
band_raster_line (BandRaster *r,
                  double      xa,
                  double      ya,
                  double      xb,
                  double      yb,
                  double      half)
{
  double slope = xb > xa ? (yb - ya) / (xb - xa) : 0;

  while (xa < xb)
    {
      double c = floor (xa);
      double xe = MIN (xb, c + 1);
      double ye = xe >= xb ? yb : ya + (xe - xa) * slope;

      band_raster_piece (r, (int) c, xa, ya, xe, ye, half);
      xa = xe;
      ya = ye;
    }
}

/* A band for the direct path, resolved before any rasterising: its
 * centre points p[] (user space, x not decreasing), half its thickness,
 * its colours (as band_raster_set_colors () leaves them) and the rows
 * it can touch (pixels, inclusive), so that a slice of rows skips it. */
typedef struct
{
  const WflSankeyPoint *p;
  guint                 n;
  double                half;
  double                c0[4], c1[4];
  double                gx0, gx1;
  int                   ry0, ry1;
} BandJob;

/* Whether p[] runs left to right, as band_raster_draw () needs. */
static gboolean
band_points_monotone (const WflSankeyPoint *p,
                      guint                 n)
{
  for (guint k = 0; k + 1 < n; k++)
    if (!(p[k + 1].x >= p[k].x))
      return FALSE;
  return TRUE;
}

/* Draws the band of job into the rows of r (cy0 to cy1). */
static void
band_raster_draw (BandRaster   *r,
                  const BandJob *job)
{
  const WflSankeyPoint *p = job->p;
  guint n = job->n;
  double hp = job->half * r->sy;
  double px, py;

  memcpy (r->c0, job->c0, sizeof r->c0);
  memcpy (r->c1, job->c1, sizeof r->c1);
  r->gx0 = job->gx0;
  r->gx1 = job->gx1;
  r->col = G_MININT;
  px = p[0].x * r->sx + r->tx;
  py = p[0].y * r->sy + r->ty;
  for (guint k = 0; k + 1 < n; k++)
    {
      double qx = p[k + 1].x * r->sx + r->tx, qy = p[k + 1].y * r->sy + r->ty;

      if (k % 2 == 0)
        {
          /* The S-curve: control points at mid x, so
           * x (t) = px + dx (1.5 t − 1.5 t² + t³), y (t) = py + dy (3 t² − 2 t³);
           * chords of n pieces stray at most |B''| / 8n². */
          double dx = qx - px, dy = qy - py;
          double bend = sqrt (9 * dx * dx + 36 * dy * dy);
          int pieces = CLAMP ((int) ceil (sqrt (bend / (8 * FLATTEN_TOLERANCE))), 1, 1024);
          double xa = px, ya = py;

          for (int i = 1; i <= pieces; i++)
            {
              double t = (double) i / pieces;
              double xb = i == pieces ? qx : px + dx * (1.5 * t - 1.5 * t * t + t * t * t);
              double yb = i == pieces ? qy : py + dy * (3 * t * t - 2 * t * t * t);

              band_raster_line (r, xa, ya, xb, yb, hp);
              xa = xb;
              ya = yb;
            }
        }
      else
        band_raster_line (r, px, py, qx, qy, hp);
      px = qx;
      py = qy;
    }
  band_raster_flush (r);
  r->col = G_MININT;
}

/* Fills in job for the band p[] of half thickness half, coloured c0
 * at gx0 to c1 at gx1 (user space), drawn through r's transform. */
static void
band_job_init (BandJob              *job,
               const BandRaster     *r,
               const WflSankeyPoint *p,
               guint                 n,
               double                half,
               const WflRgba        *c0,
               double                a0,
               const WflRgba        *c1,
               double                a1,
               double                gx0,
               double                gx1)
{
  double hp = half * r->sy, lo = G_MAXDOUBLE, hi = -G_MAXDOUBLE;

  job->p = p;
  job->n = n;
  job->half = half;
  job->c0[0] = c0->r * a0;
  job->c0[1] = c0->g * a0;
  job->c0[2] = c0->b * a0;
  job->c0[3] = a0;
  job->c1[0] = c1->r * a1;
  job->c1[1] = c1->g * a1;
  job->c1[2] = c1->b * a1;
  job->c1[3] = a1;
  job->gx0 = gx0 * r->sx + r->tx;
  job->gx1 = gx1 * r->sx + r->tx;
  /* The S-curves keep y between their ends, and so do their chords:
   * band_raster_piece () touches rows floor (y − hp) to floor (y + hp)
   * for y within the points' range, no others. */
  for (guint k = 0; k < n; k++)
    {
      double y = p[k].y * r->sy + r->ty;

      lo = MIN (lo, y);
      hi = MAX (hi, y);
    }
  lo = floor (lo - hp) - 1;
  hi = floor (hi + hp) + 1;
  job->ry0 = (int) CLAMP (lo, G_MININT / 2, G_MAXINT / 2);
  job->ry1 = (int) CLAMP (hi, G_MININT / 2, G_MAXINT / 2);
}

/* Rows y0 to y1 (half-open) of a run of direct bands. */
typedef struct
{
  const BandRaster *proto;
  const BandJob    *jobs;
  guint             n_jobs;
  int               y0, y1;
} BandSlice;

/* Draws the bands of a slice, in order, into its rows only.  Every
 * pixel gets the same sums in the same order as with one slice (the
 * strips are columns, from cx0, whatever the rows), so the result is
 * the same to the bit however the rows are split. */
static gpointer
band_slice_run (gpointer data)
{
  const BandSlice *slice = data;
  BandRaster r = *slice->proto;

  r.cy0 = slice->y0;
  r.cy1 = slice->y1;
  r.cov = g_new0 (float, (gsize) (r.cy1 - r.cy0) * STRIP);
  r.col = G_MININT;
  r.rmin = G_MAXINT;
  r.rmax = G_MININT;
  for (guint i = 0; i < slice->n_jobs; i++)
    {
      const BandJob *job = &slice->jobs[i];

      if (job->ry1 < r.cy0 || job->ry0 >= r.cy1)
        continue;
      band_raster_draw (&r, job);
    }
  g_free (r.cov);
  return NULL;
}

#define MAX_BAND_THREADS 4
/* Below this many rows a slice is not worth a thread. */
#define MIN_SLICE_ROWS 32

/* Rasterises a run of direct bands over n_threads horizontal slices of
 * the clip, the calling thread taking the first.  The slices are cut
 * where the estimated work (the band rows in each image row) is even. */
static void
band_raster_run (const BandRaster *r,
                 const BandJob    *jobs,
                 guint             n_jobs,
                 guint             n_threads)
{
  BandSlice slices[MAX_BAND_THREADS];
  GThread *threads[MAX_BAND_THREADS] = { NULL, };
  int rows = r->cy1 - r->cy0;

  if (n_jobs == 0)
    return;
  n_threads = CLAMP (n_threads, 1, MAX_BAND_THREADS);
  n_threads = MIN (n_threads, (guint) MAX (rows / MIN_SLICE_ROWS, 1));

  for (guint i = 0; i < n_threads; i++)
    slices[i] = (BandSlice) { r, jobs, n_jobs, r->cy0, r->cy1 };
  if (n_threads > 1)
    {
      /* Work per row: each band costs about its column span spread
       * over the rows it may touch, plus a little for every row. */
      g_autofree double *work = g_new0 (double, (gsize) rows + 1);
      double total = 0, acc = 0;
      guint next = 1;

      for (guint i = 0; i < n_jobs; i++)
        {
          const BandJob *job = &jobs[i];
          int a = MAX (job->ry0, r->cy0), b = MIN (job->ry1, r->cy1 - 1);
          double span = (job->p[job->n - 1].x - job->p[0].x) * r->sx;

          if (a > b)
            continue;
          span = MAX (span, 1) / (job->ry1 - job->ry0 + 1);
          work[a - r->cy0] += span;
          work[b - r->cy0 + 1] -= span;
        }
      for (int y = 1; y < rows; y++)
        work[y] += work[y - 1];
      for (int y = 0; y < rows; y++)
        total += work[y] + 1;
      for (int y = 0; y < rows && next < n_threads; y++)
        {
          acc += work[y] + 1;
          if (acc >= total * next / n_threads)
            {
              slices[next - 1].y1 = r->cy0 + y + 1;
              slices[next].y0 = r->cy0 + y + 1;
              next++;
            }
        }
      for (guint i = 1; i < n_threads; i++)
        if (slices[i].y0 < slices[i].y1)
          threads[i] = g_thread_try_new ("wfl-sankey-bands", band_slice_run, &slices[i], NULL);
    }

  band_slice_run (&slices[0]);
  for (guint i = 1; i < n_threads; i++)
    {
      if (threads[i] != NULL)
        g_thread_join (threads[i]);
      else if (slices[i].y0 < slices[i].y1)
        band_slice_run (&slices[i]);
    }
}

static char *
color_markup (const WflRgba *c)
{
  return g_strdup_printf ("#%02x%02x%02x",
                          (int) round (c->r * 255), (int) round (c->g * 255), (int) round (c->b * 255));
}

/* Text over bands sits on a soft plate of the background colour, so it
 * reads whatever is under it (a glyph-outline halo costs ten times more
 * to paint). */
static void
show_with_halo (cairo_t             *cr,
                PangoLayout         *pl,
                const WflChartStyle *style,
                gboolean             halo)
{
  double x, y;

  cairo_get_current_point (cr, &x, &y);
  if (halo)
    {
      PangoRectangle ink, logical;

      pango_layout_get_pixel_extents (pl, &ink, &logical);
      cairo_save (cr);
      cairo_new_path (cr);
      cairo_rectangle (cr, x + ink.x - 2, y + logical.y + 1, ink.width + 4, logical.height - 2);
      set_rgba (cr, &style->background, style->label_plate_alpha);
      cairo_fill (cr);
      cairo_restore (cr);
      cairo_move_to (cr, x, y);
    }
  pango_cairo_show_layout (cr, pl);
}

/* A node's label as the layout placed it: its lines, cut where the
 * layout says, in its box; hovered or selected (forced) even when the
 * layout found no room, then on one line up to the chart's edge. */
static void
draw_node_label (cairo_t                     *cr,
                 PangoLayout                 *pl,
                 const WflChartStyle         *style,
                 const WflSankeyLayout       *layout,
                 guint                        v,
                 double                       alpha,
                 gboolean                     forced)
{
  const WflSankeyNodeGeometry *g = wfl_sankey_layout_get_node (layout, v);
  const WflSankeyNode *node = wfl_sankey_graph_get_node (wfl_sankey_layout_get_graph (layout), v);
  g_autofree char *name = NULL;
  g_autofree char *value = g_markup_escape_text (g->value_text, -1);
  g_autofree char *dim = color_markup (&style->dim_foreground);
  g_autofree char *markup = NULL;
  PangoRectangle logical;
  PangoAlignment align;
  double x, y;
  guint fg_alpha;
  gboolean outside, cut;

  if (!g->label_visible && !forced)
    return;

  /* The value's own colour must fade with the name: a span colour is
   * painted opaque unless it carries its alpha. */
  fg_alpha = (guint) CLAMP (lround (alpha * 65535), 1, 65535);
  if (g->label_visible)
    {
      name = g_markup_escape_text (g->label_text ? g->label_text : node->name, -1);
      if (!g->label_value)
        markup = g_strdup (name);
      else
        markup = g_strdup_printf ("%s%s<span foreground=\"%s\" fgalpha=\"%u\">%s</span>", name,
                                  g->label_lines > g->label_name_lines ? "\n" : "  ", dim, fg_alpha, value);
      cut = g->label_ellipsized;
    }
  else
    {
      /* Hovered but hidden: as much room as the chart allows. */
      if (g->label_max_width < 8)
        return;
      name = g_markup_escape_text (node->name, -1);
      markup = g_strdup_printf ("%s  <span foreground=\"%s\" fgalpha=\"%u\">%s</span>", name, dim, fg_alpha, value);
      cut = TRUE;
    }

  switch (g->label_side)
    {
    case WFL_SANKEY_LABEL_LEFT:
      align = PANGO_ALIGN_RIGHT;
      break;
    case WFL_SANKEY_LABEL_ABOVE:
    case WFL_SANKEY_LABEL_BELOW:
      align = PANGO_ALIGN_CENTER;
      break;
    case WFL_SANKEY_LABEL_HIDDEN:
    case WFL_SANKEY_LABEL_RIGHT:
    default:
      align = PANGO_ALIGN_LEFT;
      break;
    }
  pango_layout_set_markup (pl, markup, -1);
  /* Not cut: no width, so a pixel more than measured never turns into
   * an ellipsis; each line is a paragraph, so a cut one ends in "…". */
  pango_layout_set_width (pl, cut ? (int) (g->label_width * PANGO_SCALE) : -1);
  pango_layout_set_ellipsize (pl, cut ? PANGO_ELLIPSIZE_END : PANGO_ELLIPSIZE_NONE);
  pango_layout_set_alignment (pl, align);
  pango_layout_get_pixel_extents (pl, NULL, &logical);

  x = g->label_x;
  if (!cut && align == PANGO_ALIGN_RIGHT)
    x = g->label_x + g->label_width - logical.width;
  else if (!cut && align == PANGO_ALIGN_CENTER)
    x = g->label_x + (g->label_width - logical.width) / 2;
  y = g->label_y + (g->label_height - logical.height) / 2.0;
  if (!g->label_visible)
    {
      x = g->label_side == WFL_SANKEY_LABEL_LEFT ? g->x0 - LABEL_PAD - g->label_width : g->x1 + LABEL_PAD;
      y = (g->y0 + g->y1) / 2 - logical.height / 2.0;
      y = CLAMP (y, 0, MAX (0, wfl_sankey_layout_get_height (layout) - logical.height));
    }

  outside = g->label_visible &&
            ((g->label_side == WFL_SANKEY_LABEL_LEFT && g->column == 0) ||
             (g->label_side == WFL_SANKEY_LABEL_RIGHT &&
              g->column + 1 == wfl_sankey_layout_get_n_columns (layout)));

  cairo_save (cr);
  if (g->label_visible && g->label_leader)
    {
      /* A short run out of the node, a slant, a short run into the label. */
      double dir = g->leader[1].x > g->leader[0].x ? 1 : -1;
      double run = MIN (3, fabs (g->leader[1].x - g->leader[0].x) / 3);

      cairo_new_path (cr);
      cairo_move_to (cr, g->leader[0].x, g->leader[0].y);
      cairo_line_to (cr, g->leader[0].x + dir * run, g->leader[0].y);
      cairo_line_to (cr, g->leader[1].x - dir * run, g->leader[1].y);
      cairo_line_to (cr, g->leader[1].x, g->leader[1].y);
      set_rgba (cr, &style->dim_foreground, 0.7 * alpha);
      cairo_set_line_width (cr, 0.8);
      cairo_stroke (cr);
    }
  cairo_move_to (cr, x, y);
  set_rgba (cr, &style->foreground, alpha);
  show_with_halo (cr, pl, style, !outside || forced);
  cairo_restore (cr);
  pango_layout_set_width (pl, -1);
  pango_layout_set_ellipsize (pl, PANGO_ELLIPSIZE_END);
}

static void
draw_end_text (cairo_t             *cr,
               PangoLayout         *pl,
               const WflChartStyle *style,
               const char          *text,
               double               x,
               double               y,
               gboolean             right_aligned,
               double               alpha)
{
  PangoRectangle logical;

  /* The layout last held a node label's markup: set_text () keeps its
   * attributes, which would paint part of this text in their colour. */
  pango_layout_set_attributes (pl, NULL);
  pango_layout_set_text (pl, text, -1);
  pango_layout_get_pixel_extents (pl, NULL, &logical);
  cairo_move_to (cr, right_aligned ? x - logical.width : x, y - logical.height / 2.0);
  set_rgba (cr, &style->foreground, alpha);
  show_with_halo (cr, pl, style, TRUE);
}

static void
draw_bottleneck_marker (cairo_t             *cr,
                        const WflChartStyle *style,
                        double               cx,
                        double               top,
                        double               alpha)
{
  const double s = 10;   /* side of the triangle */
  double base = top - 3, apex;

  if (base - s * 0.87 < 1)
    base = 1 + s * 0.87;
  apex = base - s * 0.87;

  cairo_new_path (cr);
  cairo_move_to (cr, cx, apex);
  cairo_line_to (cr, cx + s / 2, base);
  cairo_line_to (cr, cx - s / 2, base);
  cairo_close_path (cr);
  set_rgba (cr, &style->bottleneck, alpha);
  cairo_fill (cr);
  /* The exclamation mark. */
  set_rgba (cr, &style->background, alpha);
  cairo_rectangle (cr, cx - 0.7, apex + 2.8, 1.4, 3.6);
  cairo_rectangle (cr, cx - 0.7, base - 1.9, 1.4, 1.3);
  cairo_fill (cr);
}

static void
draw_link_info (cairo_t               *cr,
                PangoLayout           *pl,
                const WflChartStyle   *style,
                const WflSankeyLayout *layout,
                guint                  l)
{
  WflSankeyGraph *graph = wfl_sankey_layout_get_graph (layout);
  const WflSankeyLink *link = wfl_sankey_graph_get_link (graph, l);
  const WflSankeyLinkGeometry *g = wfl_sankey_layout_get_link (layout, l);
  const WflSankeyNode *s = wfl_sankey_graph_get_node (graph, link->source);
  const WflSankeyNode *t = wfl_sankey_graph_get_node (graph, link->target);
  g_autofree char *value = wfl_sankey_format_quantity (g->value, s->unit && g_strcmp0 (s->unit, t->unit) == 0 ? s->unit : NULL);
  g_autofree char *text = NULL;
  PangoRectangle logical;
  double x, y, w, h;
  guint n;
  const WflSankeyPoint *p = wfl_sankey_layout_get_points (layout, l, &n);

  /* Translators: a hovered band: "Coal → Electricity: 12 TWh, 40 % of
   * Coal, 25 % of Electricity". */
  text = g_strdup_printf (_("%s → %s: %s\n%.0f %% of %s · %.0f %% of %s"),
                          s->name, t->name, value,
                          g->source_fraction * 100, s->name,
                          g->target_fraction * 100, t->name);
  pango_layout_set_attributes (pl, NULL);
  pango_layout_set_text (pl, text, -1);
  pango_layout_get_pixel_extents (pl, NULL, &logical);
  w = logical.width + 12;
  h = logical.height + 8;
  x = (p[0].x + p[1].x) / 2 - w / 2;
  y = (p[0].y + p[1].y) / 2 - g->width / 2 - h - 4;
  if (y < 2)
    y = (p[0].y + p[1].y) / 2 + g->width / 2 + 4;
  x = CLAMP (x, 2, MAX (2, wfl_sankey_layout_get_width (layout) - w - 2));
  y = CLAMP (y, 2, MAX (2, wfl_sankey_layout_get_height (layout) - h - 2));

  cairo_save (cr);
  cairo_new_path (cr);
  cairo_rectangle (cr, x, y, w, h);
  set_rgba (cr, &style->background, 0.94);
  cairo_fill_preserve (cr);
  set_rgba (cr, &style->grid, 1);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
  cairo_move_to (cr, x + 6, y + 4);
  set_rgba (cr, &style->foreground, 1);
  pango_cairo_show_layout (cr, pl);
  cairo_restore (cr);
}

void
wfl_sankey_render (const WflSankeyLayout      *layout,
                   cairo_t                    *cr,
                   const WflChartStyle        *style,
                   const WflSankeyRenderState *state)
{
  wfl_sankey_render_with_threads (layout, cr, style, state,
                                  MIN (g_get_num_processors (), MAX_BAND_THREADS));
}

/* The colour at either end of band g, and its opacity, for a band
 * alpha; sc and tc are its nodes' colours. */
static void
band_colors (const WflSankeyRenderState  *state,
             const WflChartStyle         *style,
             const WflSankeyLinkGeometry *g,
             const WflRgba               *sc,
             const WflRgba               *tc,
             double                       alpha,
             const WflRgba              **c0_out,
             double                      *a0_out,
             const WflRgba              **c1_out,
             double                      *a1_out)
{
  const WflRgba *c0, *c1;
  double a0, a1;

  switch (state->link_color)
    {
    case WFL_SANKEY_LINK_COLOR_SOURCE:
      c0 = c1 = sc;
      a0 = a1 = sc->a * alpha;
      break;
    case WFL_SANKEY_LINK_COLOR_TARGET:
      c0 = c1 = tc;
      a0 = a1 = tc->a * alpha;
      break;
    case WFL_SANKEY_LINK_COLOR_NEUTRAL:
      c0 = c1 = &style->dim_foreground;
      a0 = a1 = style->dim_foreground.a * alpha * 0.8;
      break;
    case WFL_SANKEY_LINK_COLOR_GRADIENT:
    default:
      if (g->loop)
        {
          c0 = c1 = sc;
          a0 = a1 = sc->a * alpha;
        }
      else
        {
          c0 = sc;
          c1 = tc;
          a0 = a1 = alpha;
        }
      break;
    }
  *c0_out = c0;
  *a0_out = a0;
  *c1_out = c1;
  *a1_out = a1;
}

/* The bands in painting order: straight into the image through the
 * band rasteriser (over n_threads slices) where it can, else with
 * cairo, in runs so that all are painted in order. */
static void
paint_bands (const WflSankeyLayout      *layout,
             cairo_t                    *cr,
             const WflChartStyle        *style,
             const WflSankeyRenderState *state,
             const guint8               *link_lit,
             guint                       n_threads)
{
  WflSankeyGraph *graph = wfl_sankey_layout_get_graph (layout);
  guint m = wfl_sankey_graph_get_n_links (graph);
  const guint *order = wfl_sankey_layout_get_paint_order (layout);
  double band_alpha = style->dark ? 0.5 : 0.42;
  BandRaster raster;
  gboolean direct;
  g_autofree BandJob *jobs = NULL;
  guint n_jobs = 0;

  direct = band_raster_begin (&raster, cr);
  if (direct)
    jobs = g_new (BandJob, MAX (m, 1));
  for (guint k = 0; k < m; k++)
    {
      guint l = order[k];
      const WflSankeyLink *link = wfl_sankey_graph_get_link (graph, l);
      const WflSankeyLinkGeometry *g = wfl_sankey_layout_get_link (layout, l);
      const WflSankeyNodeGeometry *s = wfl_sankey_layout_get_node (layout, link->source);
      const WflSankeyNodeGeometry *t = wfl_sankey_layout_get_node (layout, link->target);
      const WflRgba *sc = node_color (style, s), *tc = node_color (style, t);
      const WflRgba *c0, *c1;
      double a0, a1;
      double alpha = band_alpha;
      guint np;
      const WflSankeyPoint *p = wfl_sankey_layout_get_points (layout, l, &np);
      cairo_pattern_t *pattern = NULL;

      if (np < 2)
        continue;
      if (link_lit != NULL)
        alpha = link_lit[l] ? MIN (1, band_alpha + 0.25) : DIM_ALPHA;
      if (state->hover.kind == WFL_SANKEY_HIT_LINK && state->hover.index == l)
        alpha = MIN (1, band_alpha + 0.35);

      /* The colour at either end, and its opacity. */
      band_colors (state, style, g, sc, tc, alpha, &c0, &a0, &c1, &a1);

      /* Direct bands pile up in a run, rasterised when a band needs
       * cairo or at the end, so that all are painted in order. */
      if (direct && !g->loop && band_points_monotone (p, np))
        {
          band_job_init (&jobs[n_jobs++], &raster, p, np, MAX (g->width, 0.8) / 2,
                         c0, a0, c1, a1, g->x0, g->x1);
          continue;
        }
      if (direct)
        {
          band_raster_run (&raster, jobs, n_jobs, n_threads);
          n_jobs = 0;
        }

      if (c0 == c1)
        cairo_set_source_rgba (cr, c0->r, c0->g, c0->b, a0);
      else
        {
          pattern = cairo_pattern_create_linear (g->x0, 0, g->x1, 0);
          cairo_pattern_add_color_stop_rgba (pattern, 0, c0->r, c0->g, c0->b, a0);
          cairo_pattern_add_color_stop_rgba (pattern, 1, c1->r, c1->g, c1->b, a1);
          cairo_set_source (cr, pattern);
        }

      if (direct)
        cairo_surface_mark_dirty (raster.surface);
      if (g->loop)
        {
          loop_path (cr, p, np, g->width / 2 + 6);
          cairo_set_line_width (cr, MAX (g->width, 0.8));
          cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
          cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
          cairo_stroke (cr);
        }
      else
        {
          band_path (cr, p, np, MAX (g->width, 0.8) / 2);
          cairo_fill (cr);
        }
      if (direct)
        cairo_surface_flush (raster.surface);
      if (pattern != NULL)
        cairo_pattern_destroy (pattern);
    }
  if (direct)
    {
      band_raster_run (&raster, jobs, n_jobs, n_threads);
      band_raster_end (&raster);
    }
}

/* The nodes, a bottleneck's outline and marker, the hovered or selected
 * node's ring. */
static void
paint_nodes (const WflSankeyLayout      *layout,
             cairo_t                    *cr,
             const WflChartStyle        *style,
             const WflSankeyRenderState *state,
             const guint8               *node_lit)
{
  WflSankeyGraph *graph = wfl_sankey_layout_get_graph (layout);
  guint n = wfl_sankey_graph_get_n_nodes (graph);

  for (guint v = 0; v < n; v++)
    {
      const WflSankeyNode *node = wfl_sankey_graph_get_node (graph, v);
      const WflSankeyNodeGeometry *g = wfl_sankey_layout_get_node (layout, v);
      double alpha = node_lit == NULL || node_lit[v] ? 1 : 0.25;
      double h = MAX (g->y1 - g->y0, 1);
      double y0 = (g->y0 + g->y1) / 2 - h / 2;

      cairo_new_path (cr);
      cairo_rectangle (cr, g->x0, y0, g->x1 - g->x0, h);
      set_rgba (cr, node_color (style, g), alpha);
      cairo_fill (cr);

      if (node->bottleneck)
        {
          cairo_rectangle (cr, g->x0 - 1.5, y0 - 1.5, g->x1 - g->x0 + 3, h + 3);
          set_rgba (cr, &style->bottleneck, alpha);
          cairo_set_line_width (cr, 2);
          cairo_stroke (cr);
          draw_bottleneck_marker (cr, style, (g->x0 + g->x1) / 2, y0 - 1.5, alpha);
        }
      if ((state->hover.kind == WFL_SANKEY_HIT_NODE && state->hover.index == v) ||
          (state->selected.kind == WFL_SANKEY_HIT_NODE && state->selected.index == v))
        {
          cairo_rectangle (cr, g->x0 - 2.5, y0 - 2.5, g->x1 - g->x0 + 5, h + 5);
          set_rgba (cr, &style->accent, 1);
          cairo_set_line_width (cr, 2);
          cairo_stroke (cr);
        }
    }
}

/* The labels that have room, and the texts at band ends whose unit
 * differs. */
static void
paint_labels (const WflSankeyLayout      *layout,
              cairo_t                    *cr,
              PangoLayout                *pl,
              const WflChartStyle        *style,
              const WflSankeyRenderState *state,
              const PangoFontDescription *desc,
              const guint8               *node_lit,
              const guint8               *link_lit)
{
  WflSankeyGraph *graph = wfl_sankey_layout_get_graph (layout);
  guint n = wfl_sankey_graph_get_n_nodes (graph);
  guint m = wfl_sankey_graph_get_n_links (graph);
  PangoFontDescription *small = pango_font_description_copy (desc);

  for (guint v = 0; v < n; v++)
    {
      const WflSankeyNodeGeometry *g = wfl_sankey_layout_get_node (layout, v);
      gboolean hovered = state->hover.kind == WFL_SANKEY_HIT_NODE && state->hover.index == v;
      gboolean selected = state->selected.kind == WFL_SANKEY_HIT_NODE && state->selected.index == v;

      if (g->label_visible && !hovered && !selected)
        draw_node_label (cr, pl, style, layout, v, node_lit == NULL || node_lit[v] ? 1 : 0.35, FALSE);
    }

  /* Band ends whose unit differs. */
  pango_font_description_set_size (small, (int) (wfl_sankey_layout_get_font_size (layout) * 0.9 * PANGO_SCALE));
  pango_layout_set_font_description (pl, small);
  for (guint l = 0; l < m; l++)
    {
      const WflSankeyLinkGeometry *g = wfl_sankey_layout_get_link (layout, l);
      double alpha = link_lit == NULL || link_lit[l] ? 1 : 0.3;

      if (g->source_text_visible)
        draw_end_text (cr, pl, style, g->source_text, g->x0 + 4, g->y0, FALSE, alpha);
      if (g->target_text_visible)
        draw_end_text (cr, pl, style, g->target_text, g->x1 - 4, g->y1, TRUE, alpha);
    }
  pango_layout_set_font_description (pl, desc);
  pango_font_description_free (small);
}

void
wfl_sankey_render_with_threads (const WflSankeyLayout      *layout,
                                cairo_t                    *cr,
                                const WflChartStyle        *style,
                                const WflSankeyRenderState *state,
                                guint                       n_threads)
{
  WflSankeyRenderState defaults;
  WflSankeyGraph *graph;
  guint n, m;
  g_autofree guint8 *node_lit = NULL, *link_lit = NULL;
  WflSankeyHit focus;
  PangoLayout *pl;
  PangoFontDescription *desc;

  g_return_if_fail (layout != NULL);
  g_return_if_fail (cr != NULL);
  g_return_if_fail (style != NULL);

  if (state == NULL)
    {
      wfl_sankey_render_state_init (&defaults);
      state = &defaults;
    }

  graph = wfl_sankey_layout_get_graph (layout);
  n = wfl_sankey_graph_get_n_nodes (graph);
  m = wfl_sankey_graph_get_n_links (graph);

  focus = state->selected.kind != WFL_SANKEY_HIT_NONE ? state->selected : state->hover;
  if ((focus.kind == WFL_SANKEY_HIT_NODE && focus.index >= n) ||
      (focus.kind == WFL_SANKEY_HIT_LINK && focus.index >= m))
    focus.kind = WFL_SANKEY_HIT_NONE;
  if (focus.kind != WFL_SANKEY_HIT_NONE)
    {
      node_lit = g_new0 (guint8, n + 1);
      link_lit = g_new0 (guint8, m + 1);
      light_up (layout, focus, node_lit, link_lit);
    }

  cairo_save (cr);
  set_rgba (cr, &style->background, 1);
  cairo_paint (cr);
  /* A quarter of a pixel is as close as any screen shows. */
  cairo_set_tolerance (cr, 0.25);

  /* Bands. */
  if (state->paint_bands != NULL)
    state->paint_bands (layout, cr, style, state->paint_bands_data);
  else
    paint_bands (layout, cr, style, state, link_lit, n_threads);

  /* Nodes. */
  paint_nodes (layout, cr, style, state, node_lit);

  /* Labels. */
  pl = pango_cairo_create_layout (cr);
  desc = pango_font_description_from_string (style->font_family ? style->font_family : "sans-serif");
  pango_font_description_set_size (desc, (int) (wfl_sankey_layout_get_font_size (layout) * PANGO_SCALE));
  pango_layout_set_font_description (pl, desc);

  if (state->labels)
    paint_labels (layout, cr, pl, style, state, desc, node_lit, link_lit);

  /* The hovered or selected node's label, even when there was no room. */
  for (int which = 0; which < 2; which++)
    {
      WflSankeyHit hit = which == 0 ? state->selected : state->hover;

      if (hit.kind == WFL_SANKEY_HIT_NODE && hit.index < n)
        draw_node_label (cr, pl, style, layout, hit.index, 1, TRUE);
    }
  if (state->hover.kind == WFL_SANKEY_HIT_LINK && state->hover.index < m)
    draw_link_info (cr, pl, style, layout, state->hover.index);

  pango_font_description_free (desc);
  g_object_unref (pl);
  cairo_restore (cr);

  /* The worst knock-out, as the view marks it over the chart. */
  if (state->flagged.kind == WFL_SANKEY_HIT_NODE && state->flagged.index < n)
    wfl_sankey_render_emphasis (layout, cr, style, state->flagged, WFL_SANKEY_EMPHASIS_KNOCKOUT);
}

/* Emphasis -------------------------------------------------------------- */

static void
set_link_source (cairo_t                     *cr,
                 const WflChartStyle         *style,
                 const WflSankeyLinkGeometry *g,
                 const WflSankeyNodeGeometry *s,
                 const WflSankeyNodeGeometry *t,
                 double                       alpha,
                 cairo_pattern_t            **pattern)
{
  const WflRgba *sc = node_color (style, s), *tc = node_color (style, t);

  if (g->loop)
    {
      set_rgba (cr, sc, alpha);
      return;
    }
  *pattern = cairo_pattern_create_linear (g->x0, 0, g->x1, 0);
  cairo_pattern_add_color_stop_rgba (*pattern, 0, sc->r, sc->g, sc->b, alpha);
  cairo_pattern_add_color_stop_rgba (*pattern, 1, tc->r, tc->g, tc->b, alpha);
  cairo_set_source (cr, *pattern);
}

void
wfl_sankey_emphasis_extents (const WflSankeyLayout *layout,
                             WflSankeyHit           item,
                             double                *x0,
                             double                *y0,
                             double                *x1,
                             double                *y1)
{
  WflSankeyGraph *graph;
  double ax = 0, ay = 0, bx = 0, by = 0;

  g_return_if_fail (layout != NULL);

  graph = wfl_sankey_layout_get_graph (layout);
  if (item.kind == WFL_SANKEY_HIT_NODE && item.index < wfl_sankey_graph_get_n_nodes (graph))
    {
      const WflSankeyNodeGeometry *g = wfl_sankey_layout_get_node (layout, item.index);
      double lh = MAX (g->label_height, 2.6 * wfl_sankey_layout_get_font_size (layout));

      /* The ring, the marker above a bottleneck, and the label up to the
       * chart's edge on its side. */
      ay = MIN (g->y0 - 14, (g->y0 + g->y1) / 2 - lh);
      by = MAX (g->y1 + 6, (g->y0 + g->y1) / 2 + lh);
      if (g->label_side == WFL_SANKEY_LABEL_LEFT)
        {
          ax = 0;
          bx = g->x1 + 6;
        }
      else
        {
          ax = g->x0 - 6;
          bx = wfl_sankey_layout_get_width (layout);
        }
      /* The knock-out mark's outline and badge. */
      ax = MIN (ax, g->x0 - 9);
      bx = MAX (bx, g->x1 + 15);
      ay = MIN (ay, g->y0 - 15);
      by = MAX (by, g->y1 + 9);
      /* A placed label may sit above, below or away from its node. */
      if (g->label_visible)
        {
          ax = MIN (ax, g->label_x - 4);
          bx = MAX (bx, g->label_x + g->label_width + 4);
          ay = MIN (ay, g->label_y - 4);
          by = MAX (by, g->label_y + g->label_height + 4);
        }
    }
  else if (item.kind == WFL_SANKEY_HIT_LINK && item.index < wfl_sankey_graph_get_n_links (graph))
    {
      const WflSankeyLinkGeometry *g = wfl_sankey_layout_get_link (layout, item.index);
      const WflSankeyPoint *p;
      guint n;
      double pad = MAX (g->width, 0.8) / 2 + (g->loop ? g->width / 2 + 8 : 3);

      p = wfl_sankey_layout_get_points (layout, item.index, &n);
      ax = ay = G_MAXDOUBLE;
      bx = by = -G_MAXDOUBLE;
      for (guint k = 0; k < n; k++)
        {
          ax = MIN (ax, p[k].x - pad);
          bx = MAX (bx, p[k].x + pad);
          ay = MIN (ay, p[k].y - pad);
          by = MAX (by, p[k].y + pad);
        }
      if (n == 0)
        ax = ay = bx = by = 0;
    }

  if (x0)
    *x0 = ax;
  if (y0)
    *y0 = ay;
  if (x1)
    *x1 = bx;
  if (y1)
    *y1 = by;
}

/* The worst knock-out: an outline outside the hover and focus rings, and
 * a round badge with a cross at the top right corner, so that it is told
 * from a bottleneck (a triangle above the node) without colour. */
static void
paint_knockout_mark (cairo_t             *cr,
                     const WflChartStyle *style,
                     double               x0,
                     double               y0,
                     double               x1,
                     double               y1)
{
  double cx = x1 + 6, cy = y0 - 6, r = 6.5, d = 2.6;

  cairo_rectangle (cr, x0 - 6.5, y0 - 6.5, x1 - x0 + 13, y1 - y0 + 13);
  set_rgba (cr, &style->late, 1);
  cairo_set_line_width (cr, 2.5);
  cairo_stroke (cr);
  cairo_new_path (cr);
  cairo_arc (cr, cx, cy, r + 1.2, 0, 2 * G_PI);
  set_rgba (cr, &style->background, 1);
  cairo_fill (cr);
  cairo_arc (cr, cx, cy, r, 0, 2 * G_PI);
  set_rgba (cr, &style->late, 1);
  cairo_fill (cr);
  cairo_move_to (cr, cx - d, cy - d);
  cairo_line_to (cr, cx + d, cy + d);
  cairo_move_to (cr, cx + d, cy - d);
  cairo_line_to (cr, cx - d, cy + d);
  set_rgba (cr, &style->background, 1);
  cairo_set_line_width (cr, 1.8);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_stroke (cr);
}

void
wfl_sankey_render_emphasis (const WflSankeyLayout *layout,
                            cairo_t               *cr,
                            const WflChartStyle   *style,
                            WflSankeyHit           item,
                            WflSankeyEmphasis      emphasis)
{
  WflSankeyGraph *graph;
  double dashes[] = { 3, 2 };

  g_return_if_fail (layout != NULL);
  g_return_if_fail (cr != NULL);
  g_return_if_fail (style != NULL);

  graph = wfl_sankey_layout_get_graph (layout);
  cairo_save (cr);
  cairo_set_tolerance (cr, 0.25);

  if (item.kind == WFL_SANKEY_HIT_NODE && item.index < wfl_sankey_graph_get_n_nodes (graph))
    {
      const WflSankeyNodeGeometry *g = wfl_sankey_layout_get_node (layout, item.index);
      double h = MAX (g->y1 - g->y0, 1);
      double top = (g->y0 + g->y1) / 2 - h / 2;

      cairo_new_path (cr);
      if (emphasis == WFL_SANKEY_EMPHASIS_HOVER)
        {
          PangoLayout *pl = pango_cairo_create_layout (cr);
          PangoFontDescription *desc;

          cairo_rectangle (cr, g->x0 - 2.5, top - 2.5, g->x1 - g->x0 + 5, h + 5);
          set_rgba (cr, &style->accent, 1);
          cairo_set_line_width (cr, 2);
          cairo_stroke (cr);

          desc = pango_font_description_from_string (style->font_family ? style->font_family : "sans-serif");
          pango_font_description_set_size (desc, (int) (wfl_sankey_layout_get_font_size (layout) * PANGO_SCALE));
          pango_layout_set_font_description (pl, desc);
          draw_node_label (cr, pl, style, layout, item.index, 1, TRUE);
          pango_font_description_free (desc);
          g_object_unref (pl);
        }
      else if (emphasis == WFL_SANKEY_EMPHASIS_KNOCKOUT)
        paint_knockout_mark (cr, style, g->x0, top, g->x1, top + h);
      else
        {
          cairo_rectangle (cr, g->x0 - 4.5, top - 4.5, g->x1 - g->x0 + 9, h + 9);
          set_rgba (cr, &style->foreground, 0.9);
          cairo_set_line_width (cr, 1.5);
          cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0);
          cairo_stroke (cr);
        }
    }
  else if (item.kind == WFL_SANKEY_HIT_LINK && item.index < wfl_sankey_graph_get_n_links (graph))
    {
      const WflSankeyLink *link = wfl_sankey_graph_get_link (graph, item.index);
      const WflSankeyLinkGeometry *g = wfl_sankey_layout_get_link (layout, item.index);
      const WflSankeyNodeGeometry *s = wfl_sankey_layout_get_node (layout, link->source);
      const WflSankeyNodeGeometry *t = wfl_sankey_layout_get_node (layout, link->target);
      cairo_pattern_t *pattern = NULL;
      guint np;
      const WflSankeyPoint *p = wfl_sankey_layout_get_points (layout, item.index, &np);

      if (np >= 2)
        {
          if (g->loop)
            {
              loop_path (cr, p, np, g->width / 2 + 6);
              cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
              cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
            }
          else
            band_path (cr, p, np, MAX (g->width, 0.8) / 2);

          if (emphasis == WFL_SANKEY_EMPHASIS_HOVER)
            {
              set_link_source (cr, style, g, s, t, 0.45, &pattern);
              if (g->loop)
                {
                  cairo_set_line_width (cr, MAX (g->width, 0.8));
                  cairo_stroke (cr);
                }
              else
                cairo_fill (cr);
            }
          else
            {
              /* A loop is a stroke: its centre line is dashed. */
              set_rgba (cr, &style->foreground, 0.9);
              cairo_set_line_width (cr, 1.5);
              cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0);
              cairo_stroke (cr);
            }
          if (pattern != NULL)
            cairo_pattern_destroy (pattern);
        }
    }

  cairo_restore (cr);
}

typedef struct
{
  const WflSankeyLayout      *layout;
  const WflChartStyle        *style;
  const WflSankeyRenderState *state;
  double                      margin;
} PaintData;

static void
paint_cb (cairo_t  *cr,
          double    width,
          double    height,
          gpointer  user_data)
{
  PaintData *data = user_data;

  cairo_translate (cr, data->margin, data->margin);
  wfl_sankey_render (data->layout, cr, data->style, data->state);
}

gboolean
wfl_sankey_export (const WflSankeyLayout      *layout,
                   const WflChartStyle        *style,
                   const WflSankeyRenderState *state,
                   WflExportFormat             format,
                   GFile                      *file,
                   double                      scale,
                   GError                    **error)
{
  return wfl_sankey_export_framed (layout, style, state, 0, format, file, scale, error);
}

gboolean
wfl_sankey_export_framed (const WflSankeyLayout      *layout,
                          const WflChartStyle        *style,
                          const WflSankeyRenderState *state,
                          double                      margin,
                          WflExportFormat             format,
                          GFile                      *file,
                          double                      scale,
                          GError                    **error)
{
  PaintData data = { layout, style, state, MAX (margin, 0) };

  g_return_val_if_fail (layout != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (format == WFL_EXPORT_FORMAT_JSON)
    {
      gsize length;
      char *text = wfl_sankey_layout_to_json (layout, &length);
      g_autoptr(GBytes) bytes = g_bytes_new_take (text, length);

      return wfl_export_write_bytes (file, bytes, error);
    }

  return wfl_export_paint (format, file,
                           wfl_sankey_layout_get_width (layout) + 2 * data.margin,
                           wfl_sankey_layout_get_height (layout) + 2 * data.margin,
                           scale, paint_cb, &data, error);
}
