// bf16_mac_pkg: the combinational datapath of bf16_mac (rtl/bf16_mac.sv), one function per
// stage, so that Verilator emits each stage once, in the package's class, and every instance
// calls it (a 16 x 16 systolic_tile has 256 MACs; with the logic in the module, Verilator
// 5.006 emitted a copy per instance). The module keeps the parameters, their checks, the
// ports and the pipeline cuts; docs/rtl.md describes the datapath, and bf16_mac.sv's header
// the window that sets its width.
//
// Each function carries /*verilator no_inline_task*/: without it Verilator inlines the body
// into every caller. The group G (NORM_GROUP_BITS) and the rounding are arguments, constant
// per instance: Yosys inlines the functions and folds them, so each instance synthesises to
// the hardware of its own G. Everything whose size depends on G (the group count, the
// leading-zero tree, the coarse shifter's stages, the fine select's width) is therefore sized
// for the largest G or the smallest (G = 1 has the most groups), and the parts that a given
// G does not have are cut off by conditions on g, or masked, so that they fold to constants:
// each G synthesises to the same logic as when the datapath was in the module (checked
// with a miter for every G and rounding; docs/rtl.md). Sizes of G are worked out with
// comparisons, never a division by g; what remains is the datapath's own division of W - 1
// by G, a division by a constant after folding. The leading-zero counts work on all bit
// positions of a 64-bit word at once, for the simulation's sake (see group_lzc).
//
// Written for Verilator 5.006 and Yosys 0.23: results as function values (several fields
// packed into one vector: assign it to one vector, then unpack that, for with the call on
// the right of a concatenation Verilator calls the function once per field), `name = value;`
// rather than return, no write at a computed index in a function Verilator does not inline.
package bf16_mac_pkg;
  localparam int LOW = 33;          // window bits below W (see bf16_mac.sv's header)
  localparam int WIN = LOW + 3;     // bits W+2 .. W-LOW; index LOW is W
  localparam int SB = LOW - 23;     // the coarse ulp's index, the sticky's range
  localparam int GMAX = 24;         // the largest NORM_GROUP_BITS
  localparam int LZMAX = 6;         // levels of the group count's tree, at most: clog2(34)
  localparam int NPMAX = 1 << LZMAX;  // its leaves, at most
  localparam int QWMAX = 6;         // width of group counts 0..NGROUPS, at most: clog2(35)
  localparam int PWMAX = 5;         // width of the fine select 0..G+1, at most: clog2(26)

  // Field widths of the stages' results (the vectors between the pipeline cuts).
  localparam int DECODE_W = 16 + 24 + 4 + 6 + 9 + 3;   // decode()
  localparam int ADD_W = WIN + 1;                       // add()
  localparam int NORM_W = 25 + 1 + PWMAX + 10 + 1;      // normalise()

  // ---- stage 1: decode, multiply, anchor, special values ----------------------------------
  // {p[15:0], c_m[23:0], p_neg, c_neg, p_anchor, zero_neg, shift[5:0], w[8:0], special[2:0]}:
  // the 8x8 product and the acc significand, the signs, whether the product is the anchor,
  // the sign of an exact zero sum, the other operand's shift, W, and the special-value class
  // {is special, is NaN, sign of the infinity}.
  function automatic logic [DECODE_W-1:0] decode(input logic [15:0] a, input logic [15:0] b,
                                                 input logic [31:0] c);
    /*verilator no_inline_task*/
    logic [7:0] a_f, b_f, c_f;  // exponent fields
    logic [7:0] a_m, b_m;
    logic [23:0] c_m;
    logic [9:0] p_e, d_e, d_abs;  // product exponent and Ep - Ec, two's complement
    logic [15:0] p;
    logic p_neg, c_neg, p_anchor, zero_neg;
    logic [5:0] shift;
    logic [8:0] w;
    logic [2:0] special;
    logic a_nan, b_nan, c_nan, a_inf, b_inf, c_inf, p_zero, p_inf;
    a_f = a[14:7];
    b_f = b[14:7];
    c_f = c[30:23];
    // A zero exponent field is a subnormal or zero: exponent 1, hidden bit 0.
    a_m = {a_f != 8'd0, a[6:0]};
    b_m = {b_f != 8'd0, b[6:0]};
    c_m = {c_f != 8'd0, c[22:0]};
    p = {8'd0, a_m} * {8'd0, b_m};
    p_e = {2'd0, a_f | {7'd0, a_f == 8'd0}} + {2'd0, b_f | {7'd0, b_f == 8'd0}} - 10'd127;
    d_e = p_e - {2'd0, c_f | {7'd0, c_f == 8'd0}};
    d_abs = d_e[9] ? -d_e : d_e;
    shift = d_abs[9:6] != 4'd0 ? 6'd63 : d_abs[5:0];  // 63 is past every window bit
    // A zero product does not take part in the anchor, so 0 * x + c is c.
    p_zero = a[14:0] == 15'd0 || b[14:0] == 15'd0;
    p_anchor = !p_zero && !d_e[9];
    w = p_anchor ? p_e[8:0] : {1'b0, c_f | {7'd0, c_f == 8'd0}};
    p_neg = a[15] ^ b[15];
    c_neg = c[31];
    zero_neg = p_neg && c_neg;  // an exact zero sum is -0 only from -0 + -0
    // Infinities and NaNs bypass the datapath (the IEEE table of the documentation).
    a_nan = a_f == 8'hff && a[6:0] != 7'd0;
    b_nan = b_f == 8'hff && b[6:0] != 7'd0;
    c_nan = c_f == 8'hff && c[22:0] != 23'd0;
    a_inf = a_f == 8'hff && a[6:0] == 7'd0;
    b_inf = b_f == 8'hff && b[6:0] == 7'd0;
    c_inf = c_f == 8'hff && c[22:0] == 23'd0;
    p_inf = a_inf || b_inf;
    special[2] = a_f == 8'hff || b_f == 8'hff || c_f == 8'hff;
    special[1] = a_nan || b_nan || c_nan || (a_inf && b[14:0] == 15'd0) ||
                 (b_inf && a[14:0] == 15'd0) || (p_inf && c_inf && p_neg != c_neg);
    special[0] = p_inf ? p_neg : c_neg;
    decode = {p, c_m, p_neg, c_neg, p_anchor, zero_neg, shift, w, special};
  endfunction

  // ---- stage 2: swap, align, add --------------------------------------------------------
  // Right shift by `amount` with every bit shifted out ORed into bit 0 (round to odd).
  function automatic logic [WIN-1:0] align(input logic [WIN-1:0] v, input logic [5:0] amount);
    logic [WIN-1:0] x, lost;
    logic sticky;
    x = v;
    sticky = 1'b0;
    for (int t = 0; t < 6; t++) begin
      if (amount[t]) begin
        lost = x & ~({WIN{1'b1}} << (1 << t));
        sticky = sticky | (lost != '0);
        x = x >> (1 << t);
      end
    end
    align = x | {{(WIN - 1) {1'b0}}, sticky};
  endfunction

  // {mag[WIN-1:0], neg}: the magnitude of the sum in the window and its sign.
  function automatic logic [ADD_W-1:0] add(input logic [15:0] p, input logic [23:0] c,
                                           input logic p_neg, input logic c_neg,
                                           input logic p_anchor, input logic [5:0] shift);
    /*verilator no_inline_task*/
    logic [WIN-1:0] p_win, c_win, anchor, other, mag;
    logic [WIN:0] raw;
    logic sub, flip, neg;
    p_win = {1'b0, p, {(LOW - 14) {1'b0}}};  // product bit 14 (2.14 fixed point) at W
    c_win = {2'b0, c, {(LOW - 23) {1'b0}}};  // acc hidden bit at W
    anchor = p_anchor ? p_win : c_win;
    other = align(p_anchor ? c_win : p_win, shift);
    sub = p_neg ^ c_neg;
    raw = {1'b0, anchor} + (sub ? ~{1'b0, other} : {1'b0, other}) + {{WIN{1'b0}}, sub};
    flip = sub && raw[WIN];  // the shifted operand was the larger one
    mag = flip ? -raw[WIN-1:0] : raw[WIN-1:0];
    neg = (p_anchor ^ flip) ? p_neg : c_neg;
    add = {mag, neg};
  endfunction

  // ---- stage 3: normalise -----------------------------------------------------------------
  // One bit of the counts of a level of group_lzc's tree, for all nodes at once: bit b of the
  // count of the node at position p is bit b of its upper child's count (at p + span) if that
  // child holds a one (sel[p]), else of its lower child's (at p); bit l - 1 is new, set when
  // the count includes the whole lower child, above it the counts are zero.
  function automatic logic [NPMAX-1:0] merge_plane(input logic [NPMAX-1:0] c,
                                                   input logic [NPMAX-1:0] sel, input int span,
                                                   input int b, input int l);
    if (b < l - 1) merge_plane = (sel & (c >> span)) | (~sel & c);
    else if (b == l - 1) merge_plane = ~sel;
    else merge_plane = c;
  endfunction

  // Index of the first group of g bits from W (index LOW) down that holds a one, by a tree of
  // pairwise merges over the group flags (log2(number of groups) levels of small muxes); any
  // value if none does (then the sum is zero or carries, and it is not used).
  // The tree has lz_l = clog2(NGROUPS) levels over 2^lz_l leaves; leaf i from the bottom is
  // group 2^lz_l - 1 - i, and the leaves below the last group are zero. It is computed on
  // all bit positions of a 64-bit word at once (so that the simulation does a few word
  // operations per level instead of one mux per node): v sits at the top of the word, leaf i
  // at position p0 + i*g, p0 = 64 - 2^lz_l * g (>= 0 for every g), holding the OR of bits
  // p .. p+g-1; a node sits at the position of its lowest leaf, its children span = g*2^(l-1)
  // apart at level l, and its count is kept as bit planes c0..c5. Synthesis keeps just the
  // gates that reach the root: per node an OR and a mux per count bit, as a tree of nodes.
  // (No vector is written at a computed index: Verilator 5.006 cannot have such a write in a
  // function that it does not inline.)
  function automatic logic [QWMAX-1:0] group_lzc(input logic [LOW:0] v, input int gi);
    logic [NPMAX-1:0] u, any, sel;
    logic [NPMAX-1:0] c0, c1, c2, c3, c4, c5;
    logic [NPMAX-1:0] win;
    int width, span, lz_l;
    logic [5:0] p0;
    u = {v, {(NPMAX - LOW - 1) {1'b0}}};
    // any[p]: the OR of u[p .. p+g-1], as the ORs of windows of 2^t bits for the ones of g
    // (g - 1 gates a group, like a chain; five steps instead of g - 1 for the simulation).
    any = '0;
    width = 0;
    win = u;  // the OR of u[p .. p+2^t-1]
    for (int t = 0; t < 5; t++) begin
      if (gi[t]) begin
        any = any | (win >> width);
        width = width + (1 << t);
      end
      win = win | (win >> (1 << t));
    end
    c0 = '0;
    c1 = '0;
    c2 = '0;
    c3 = '0;
    c4 = '0;
    c5 = '0;
    lz_l = 0;
    for (int l = 1; l <= LZMAX; l++) begin
      span = gi << (l - 1);
      // Level l exists if there are more than 2^(l-1) groups: floor(LOW / g) >= 2^(l-1).
      if (span <= LOW) begin
        sel = any >> span;
        c0 = merge_plane(c0, sel, span, 0, l);
        c1 = merge_plane(c1, sel, span, 1, l);
        c2 = merge_plane(c2, sel, span, 2, l);
        c3 = merge_plane(c3, sel, span, 3, l);
        c4 = merge_plane(c4, sel, span, 4, l);
        c5 = merge_plane(c5, sel, span, 5, l);
        any = any | sel;
        lz_l = l;
      end
    end
    p0 = 6'(NPMAX - (gi << lz_l));  // the root
    group_lzc = {c5[p0], c4[p0], c3[p0], c2[p0], c1[p0], c0[p0]};
  endfunction

  // Leading zeros of the top g + 2 window bits (W+2 .. W-g+1; top: the window's top 32
  // bits); g + 1 if none (the count is then unused: the result is clamped to the exponent
  // floor, or zero). The last of these bits gives g + 1 whether it is set or not, so it is
  // set, and the count is that of a leading-zero tree like group_lzc's over single bits: the
  // slice at the top of a 64-bit word, 5 levels, the root at position 32.
  function automatic logic [PWMAX-1:0] top_lzc(input logic [31:0] top, input int gi);
    logic [NPMAX-1:0] x, sel;
    logic [NPMAX-1:0] c0, c1, c2, c3, c4;
    int span;
    x = {top, 32'd0} & ~({NPMAX{1'b1}} >> (gi + 2));
    x = x | ({1'b1, {(NPMAX - 1) {1'b0}}} >> (gi + 1));
    c0 = '0;
    c1 = '0;
    c2 = '0;
    c3 = '0;
    c4 = '0;
    for (int l = 1; l <= PWMAX; l++) begin
      span = 1 << (l - 1);
      sel = x >> span;
      c0 = merge_plane(c0, sel, span, 0, l);
      c1 = merge_plane(c1, sel, span, 1, l);
      c2 = merge_plane(c2, sel, span, 2, l);
      c3 = merge_plane(c3, sel, span, 3, l);
      c4 = merge_plane(c4, sel, span, 4, l);
      x = x | sel;
    end
    top_lzc = {c4[32], c3[32], c2[32], c1[32], c0[32]};
  endfunction

  // Left shift by g * j, one stage per bit of j: the approximate normaliser's coarse shifter
  // (the bits of j that a given g does not have are zero).
  function automatic logic [WIN-1:0] coarse_shift(input logic [WIN-1:0] v,
                                                  input logic [QWMAX-1:0] j, input int gi);
    logic [WIN-1:0] x;
    x = v;
    for (int t = 0; t < QWMAX; t++) if (j[t]) x = x << (gi << t);
    coarse_shift = x;
  endfunction

  // OR of v[SB - phi : 0], everything below the slice that phi selects, from prefix ORs.
  function automatic logic sticky_below(input logic [SB:0] v, input logic [PWMAX-1:0] phi,
                                        input int gi);
    logic [SB:0] prefix;
    logic run;
    logic [PWMAX-1:0] f_p;
    logic st;
    run = 1'b0;
    prefix = '0;
    for (int i = 0; i <= SB; i++) begin
      run = run | v[i];
      prefix = prefix | ((SB + 1)'(run) << i);
    end
    st = 1'b0;
    f_p = '0;
    for (int f = 0; f <= SB; f++) begin
      if (f <= gi + 1 && phi == f_p) st = prefix[SB-f];
      f_p = f_p + 1'b1;
    end
    sticky_below = st;
  endfunction

  // {y[24:0], sticky, rho[PWMAX-1:0], e[9:0], zero}: the 24 significand bits and the bit
  // below, the OR of everything below y, the rounding position within the significand, the
  // biased exponent of y's top bit, and whether the sum is zero. g is NORM_GROUP_BITS (1 for
  // exact mode); rho < 2^clog2(g + 2).
  function automatic logic [NORM_W-1:0] normalise(input logic [WIN-1:0] mag,
                                                  input logic [8:0] w, input logic [4:0] g);
    /*verilator no_inline_task*/
    int gi;
    logic [QWMAX-1:0] qmask;  // the bits of a group count: clog2(NGROUPS + 1)
    logic [PWMAX-1:0] pmask;  // the bits of the fine select: clog2(g + 2)
    logic carry, clamp;
    logic [QWMAX-1:0] q, j;
    logic [5:0] wm1, k;
    logic [6:0] lim, gj;
    logic [PWMAX-1:0] phi_top, phi, sigma, rho;
    logic [WIN-1:0] v;
    logic [24:0] y;
    logic sticky;
    logic [9:0] e;
    // Unused: m's top bit (m < g), w_less's bits above wm1's, vs's below the slice
    // (sticky_below has them).
    /* verilator lint_off UNUSEDSIGNAL */
    logic [5:0] m;
    logic [8:0] w_less;
    logic [WIN+GMAX:0] vs;
    /* verilator lint_on UNUSEDSIGNAL */
    gi = {27'd0, g};
    // Bit t of qmask: NGROUPS = floor(LOW / g) + 1 >= 2^t, i.e. g * (2^t - 1) <= LOW; bit t
    // of pmask: g + 1 >= 2^t.
    qmask = {gi * 31 <= LOW, gi * 15 <= LOW, gi * 7 <= LOW, gi * 3 <= LOW, gi <= LOW, 1'b1};
    pmask = {gi + 1 >= 16, gi + 1 >= 8, gi + 1 >= 4, gi + 1 >= 2, 1'b1};
    carry = mag[LOW+2] || mag[LOW+1];
    q = group_lzc(mag[LOW:0], gi);
    // The exponent may not drop below 1 (fp32's ulp floor): total shift <= W - 1.
    w_less = w - 9'd1;
    wm1 = w > 9'd64 ? 6'd63 : w_less[5:0];
    k = wm1 / {1'b0, g};
    m = wm1 % {1'b0, g};
    clamp = !carry && q > k;
    j = carry ? '0 : clamp ? k & qmask : q;
    v = coarse_shift(mag, j, gi);
    gj = {2'b0, g} * {1'b0, j};
    lim = {1'b0, wm1} - gj;  // >= 0 unless clamped
    // After the coarse shift the leading one is at W+2 or W+1 (a carry) or in the group
    // W..W-g+1; phi selects the slice whose top bit it is, 2 selects W.
    phi_top = top_lzc(v[WIN-1-:32], gi);
    if (clamp) phi = (m[PWMAX-1:0] + 5'd2) & pmask;
    else if ({2'b0, phi_top} > lim + 7'd2) phi = (lim[PWMAX-1:0] + 5'd2) & pmask;
    else phi = phi_top;
    // Round at the coarse ulp (index SB of v), which is bit phi - 2 of the slice, except when
    // the floor or a carry set the ulp: then at the slice's last bit.
    sigma = (clamp || phi < 5'd2) ? phi : 5'd2;
    rho = (phi - sigma) & pmask;  // <= g - 1; saying so lets synthesis see that exact has 0
    if (rho > g - 5'd1) rho = g - 5'd1;
    vs = {v, {(GMAX + 1) {1'b0}}} << phi;
    y = vs[WIN+GMAX-:25];
    sticky = sticky_below(v[SB:0], phi, gi);
    e = {1'b0, w} + 10'd2 - {3'd0, gj} - {5'd0, phi};
    normalise = {y, sticky, rho, e, mag == '0};
  endfunction

  // ---- stage 4: round, pack ---------------------------------------------------------------
  // The fp32 result: round y at bit rho (nearest even, or toward zero with rtz), then the
  // carry out of the significand, subnormal and overflow packing, special values, signed zero.
  function automatic logic [31:0] round_pack(input logic [24:0] y, input logic y_sticky,
                                             input logic [PWMAX-1:0] rho, input logic [9:0] e,
                                             input logic zero, input logic neg,
                                             input logic zero_neg, input logic [2:0] special,
                                             input logic rtz);
    /*verilator no_inline_task*/
    logic [24:0] low, sum;
    logic [1:0] at_rho;
    logic round_bit, lsb, sticky, up;
    logic [9:0] e_out;
    logic [31:0] result;
    low = ~({25{1'b1}} << rho);  // below the rounding position: y's, and the significand's
    at_rho = 2'(y >> rho);
    round_bit = at_rho[0];
    lsb = at_rho[1];
    sticky = y_sticky || (y & low) != '0;
    up = !rtz && round_bit && (sticky || lsb);
    // + 2^rho as an incrementer: fill the bits below rho with ones, add up, clear them again.
    sum = (({1'b0, y[24:1]} | low) + {24'd0, up}) & ~low;
    // A carry out of the significand (sum = 2^24) adds one to the exponent; a result without
    // its hidden bit is subnormal, exponent field 0.
    e_out = sum[24] ? e + 10'd1 : sum[23] ? e : 10'd0;
    if (special[2]) result = special[1] ? 32'h7fc00000 : {special[0], 31'h7f800000};
    else if (zero) result = {zero_neg, 31'd0};
    else if (e_out >= 10'd255)  // IEEE overflow: to infinity, or to the largest finite value
      result = {neg, rtz ? 31'h7f7fffff : 31'h7f800000};
    else result = {neg, e_out[7:0], sum[22:0]};
    round_pack = result;
  endfunction
endpackage
