// bf16_mac: the matrix engine's multiply-add unit, result = a * b + c with a, b bf16 and c,
// result fp32, bit for bit equal to the C++ model (ip/matrix/mac.cpp: mac_exact, mac_approx).
// docs/matrix-numerics.md defines the arithmetic; docs/rtl.md describes this datapath.
//
// Parameters (illegal combinations stop elaboration with $error):
//   APPROX             0: exact, IEEE fused multiply-add with one round to nearest even;
//                      1: approximate normalisation in groups of NORM_GROUP_BITS.
//   NORM_GROUP_BITS    G, 1..24; 1 when APPROX = 0 (exact mode is this same code with G = 1).
//   ROUND_TOWARD_ZERO  0: nearest even; 1: toward zero (APPROX = 1 only).
//   PIPE_STAGES        0: combinational (clk, rst_n unused); 1..3 register cuts, latency
//                      PIPE_STAGES cycles, one operation per cycle, out_valid follows in_valid.
//
// Datapath, with the cut points (PIPE_STAGES = 1: B; 2: A and B; 3: A, B and C):
//   1 decode, 8x8 multiply, anchor W = max(Ep, Ec) from the exponent fields, specials
//     -- cut A --
//   2 swap so that the anchor operand stays put, align the other one, add sign-magnitude
//     -- cut B --
//   3 leading-zero count in groups of G, coarse shift by multiples of G, fine select
//     -- cut C --
//   4 round, pack, overflow, special-value override
//
// Structure: the combinational logic of the four stages is in functions of the package
// bf16_mac_pkg (rtl/bf16_mac_pkg.sv, to be read before this file): decode, add, normalise
// (G as an argument) and round_pack (the rounding as an argument). This module keeps the
// parameters and their checks, the ports and the cuts, and unpacks the functions' result
// vectors. The reason is Verilator 5.006, which emits a module's logic once per instance:
// the 16 x 16 systolic_tile (256 MACs) was 64 MB of C++ and over 7 min of CPU to compile.
// Functions marked no_inline_task are emitted once, in the package's class, and every
// instance calls them: 11 MB, under 3 min, and 2.5 to 3.6 times the tile cycles per second.
// Yosys inlines the functions and folds G, so the synthesised unit is the same logic as
// before the split (proven equivalent for every G and rounding; the area moves within
// ABC's noise). docs/rtl.md has the figures.
//
// The window: bits at positions W+2 (carry) down to W-33, 36 bits, where W is the position
// of the anchor's hidden bit. The anchor operand is exact in it (product bits W+1..W-14, acc
// bits W..W-23); the other one is truncated at W-33 and what falls below is ORed into that
// bit, so the window holds the exact sum rounded to odd at 2^(W-33), which rounds like the
// exact sum to every position at or above W-31 (two spare bits). Bits are lost only when the
// rounding position is that high:
//  - acc is the anchor and normal: the product is lost from W-33 only when it lies below
//    W-18, so the sum keeps its leading bit at W-1 or above and rounds at W-24 or above;
//  - acc is the anchor and subnormal or zero: W = 1 and fp32's ulp floor 2^-149 is W-23;
//  - the product is the anchor: acc is lost only when its exponent is 11 or more below, so
//    |acc| < 2^(W-10), while the product is at least 2^(W-7) (a subnormal bf16 factor times
//    a normal one has Mp >= 2^7; two subnormals never make the anchor): the leading bit
//    stays at W-8 or above and the rounding position at W-31 or above.
// The last case sets the width: with the window ending at W-32 (bf16_mac_pkg::LOW = 32) the
// co-verification fails, e.g. a = 0x8001, b = 0x7e85, c = 0x39d95409 (12 binades below the
// product) gives 0xbbfc6ac0 where the exact result is 0xbbfc6abf.
module bf16_mac #(
    parameter int APPROX = 0,
    parameter int NORM_GROUP_BITS = 1,
    parameter int ROUND_TOWARD_ZERO = 0,
    parameter int PIPE_STAGES = 0
) (
    input  logic        clk,
    input  logic        rst_n,
    input  logic        in_valid,
    input  logic [15:0] a,
    input  logic [15:0] b,
    input  logic [31:0] c,
    output logic        out_valid,
    output logic [31:0] result
);
  if (APPROX != 0 && APPROX != 1) begin : g_bad_approx
    $error("bf16_mac: APPROX must be 0 or 1, got %0d", APPROX);
  end
  if (NORM_GROUP_BITS < 1 || NORM_GROUP_BITS > 24) begin : g_bad_group
    $error("bf16_mac: NORM_GROUP_BITS must be in 1..24, got %0d", NORM_GROUP_BITS);
  end
  if (APPROX == 0 && NORM_GROUP_BITS != 1) begin : g_bad_exact_group
    $error("bf16_mac: NORM_GROUP_BITS must be 1 when APPROX = 0, got %0d", NORM_GROUP_BITS);
  end
  if (ROUND_TOWARD_ZERO != 0 && (APPROX == 0 || ROUND_TOWARD_ZERO != 1)) begin : g_bad_round
    $error("bf16_mac: ROUND_TOWARD_ZERO must be 0 or 1, and 0 when APPROX = 0, got %0d",
           ROUND_TOWARD_ZERO);
  end
  if (PIPE_STAGES < 0 || PIPE_STAGES > 3) begin : g_bad_pipe
    $error("bf16_mac: PIPE_STAGES must be in 0..3, got %0d", PIPE_STAGES);
  end

  // A legal stand-in for an illegal G, so that elaboration gets as far as the $error above.
  localparam int G = NORM_GROUP_BITS >= 1 && NORM_GROUP_BITS <= 24 ? NORM_GROUP_BITS : 1;
  localparam logic [4:0] G5 = G[4:0];
  localparam bit RTZ = ROUND_TOWARD_ZERO != 0;
  localparam int WIN = bf16_mac_pkg::WIN;     // the window, bits W+2 .. W-33
  localparam int PW = $clog2(G + 2);          // fine select 0..G+1, rounding position 0..G-1

  // ---- stage 1: decode, multiply, anchor, special values ----------------------------------
  localparam int AW = bf16_mac_pkg::DECODE_W;
  logic [AW-1:0] s1;
  always_comb s1 = bf16_mac_pkg::decode(a, b, c);

  logic [AW-1:0] cut_a;
  logic v2;
  logic [15:0] s2_p;
  logic [23:0] s2_c;
  logic s2_p_neg, s2_c_neg, s2_p_anchor, s2_zero_neg;
  logic [5:0] s2_shift;
  logic [8:0] s2_w;
  logic [2:0] s2_special;  // {is special, is NaN, sign of the infinity}
  bf16_mac_cut #(.WIDTH(AW), .ENABLE(PIPE_STAGES >= 2)) u_cut_a (
      .clk(clk), .rst_n(rst_n), .valid_in(in_valid), .d(s1), .valid_out(v2), .q(cut_a));
  assign {s2_p, s2_c, s2_p_neg, s2_c_neg, s2_p_anchor, s2_zero_neg, s2_shift, s2_w,
          s2_special} = cut_a;

  // ---- stage 2: swap, align, add --------------------------------------------------------
  // The result as one vector, unpacked by an assign: with the function call on the right of
  // a concatenation, Verilator would call the function once per field.
  logic [bf16_mac_pkg::ADD_W-1:0] s2;
  logic [WIN-1:0] s2_mag;
  logic s2_neg;
  always_comb s2 = bf16_mac_pkg::add(s2_p, s2_c, s2_p_neg, s2_c_neg, s2_p_anchor, s2_shift);
  assign {s2_mag, s2_neg} = s2;

  localparam int BW = WIN + 1 + 9 + 1 + 3;
  logic [BW-1:0] cut_b;
  logic v3;
  logic [WIN-1:0] s3_mag;
  logic s3_neg, s3_zero_neg;
  logic [8:0] s3_w;
  logic [2:0] s3_special;
  bf16_mac_cut #(.WIDTH(BW), .ENABLE(PIPE_STAGES >= 1)) u_cut_b (
      .clk(clk), .rst_n(rst_n), .valid_in(v2),
      .d({s2_mag, s2_neg, s2_w, s2_zero_neg, s2_special}),
      .valid_out(v3), .q(cut_b));
  assign {s3_mag, s3_neg, s3_w, s3_zero_neg, s3_special} = cut_b;

  // ---- stage 3: normalise -----------------------------------------------------------------
  logic [24:0] s3_y;       // 24 significand bits, then the bit below
  logic s3_sticky;         // OR of everything below s3_y
  logic [PW-1:0] s3_rho;   // the rounding position within the significand
  logic [9:0] s3_e;        // biased exponent of s3_y's top bit
  logic s3_zero;
  /* verilator lint_off UNUSEDSIGNAL */
  logic [bf16_mac_pkg::PWMAX-1:0] s3_rho_max;  // bits PW and up are zero
  /* verilator lint_on UNUSEDSIGNAL */
  logic [bf16_mac_pkg::NORM_W-1:0] s3;
  always_comb s3 = bf16_mac_pkg::normalise(s3_mag, s3_w, G5);
  assign {s3_y, s3_sticky, s3_rho_max, s3_e, s3_zero} = s3;
  assign s3_rho = s3_rho_max[PW-1:0];

  localparam int CW = 25 + 1 + PW + 10 + 1 + 1 + 1 + 3;
  logic [CW-1:0] cut_c;
  logic v4;
  logic [24:0] s4_y;
  logic s4_sticky, s4_zero, s4_neg, s4_zero_neg;
  logic [PW-1:0] s4_rho;
  logic [9:0] s4_e;
  logic [2:0] s4_special;
  bf16_mac_cut #(.WIDTH(CW), .ENABLE(PIPE_STAGES >= 3)) u_cut_c (
      .clk(clk), .rst_n(rst_n), .valid_in(v3),
      .d({s3_y, s3_sticky, s3_rho, s3_e, s3_zero, s3_neg, s3_zero_neg, s3_special}),
      .valid_out(v4), .q(cut_c));
  assign {s4_y, s4_sticky, s4_rho, s4_e, s4_zero, s4_neg, s4_zero_neg, s4_special} = cut_c;

  // ---- stage 4: round, pack ---------------------------------------------------------------
  always_comb
    result = bf16_mac_pkg::round_pack(s4_y, s4_sticky, bf16_mac_pkg::PWMAX'(s4_rho), s4_e,
                                      s4_zero, s4_neg, s4_zero_neg, s4_special, RTZ);
  assign out_valid = v4;
endmodule

/* verilator lint_off DECLFILENAME */
// One optional pipeline register between two stages of bf16_mac: data loads with valid (no
// reset), valid resets; without ENABLE a wire, and clk, rst_n are unused.
module bf16_mac_cut #(
    parameter int WIDTH = 1,
    parameter bit ENABLE = 1'b1
) (
    /* verilator lint_off UNUSEDSIGNAL */
    input  logic             clk,
    input  logic             rst_n,
    /* verilator lint_on UNUSEDSIGNAL */
    input  logic             valid_in,
    input  logic [WIDTH-1:0] d,
    output logic             valid_out,
    output logic [WIDTH-1:0] q
);
  /* verilator lint_on DECLFILENAME */
  if (ENABLE) begin : g_reg
    always_ff @(posedge clk or negedge rst_n)
      if (!rst_n) valid_out <= 1'b0;
      else valid_out <= valid_in;
    always_ff @(posedge clk) if (valid_in) q <= d;
  end else begin : g_wire
    assign valid_out = valid_in;
    assign q = d;
  end
endmodule
