// One processing element of the output-stationary systolic tile (systolic_tile.sv): a
// bf16_mac and the fp32 accumulator register it feeds back into itself.
//
// Operands pass through: A (with its valid and first flags) to the right, B downwards, one
// register each, so the wavefront of a block reaches PE (r, c) r + c cycles after it
// entered at PE (0, 0). Every cycle that A is valid the PE computes
//     acc <= mac(a, b, acc)
// in the configured mode. The first element of a block (a_first) instead starts from the
// partial sum on the column's psum bus, and in the same cycle the PE drives the finished
// result of its previous block onto the column's result bus (result_valid says it holds
// one). A first flag without valid A is a flush: it hands the last block's result out and
// leaves the PE empty. Because a block's wavefront meets the rows of a column one per cycle,
// at most one PE per column uses the two buses in any cycle (the tile's driver keeps blocks
// at least R cycles apart, which is what the model's max(k, R) per block stands for).
module mac_pe #(
    parameter int APPROX = 0,
    parameter int NORM_GROUP_BITS = 1,
    parameter int ROUND_TOWARD_ZERO = 0
) (
    input  logic        clk,
    input  logic        rst_n,
    input  logic [15:0] a_in,
    input  logic        a_valid_in,
    input  logic        a_first_in,
    input  logic [15:0] b_in,
    input  logic [31:0] psum_in,
    output logic [15:0] a_out,
    output logic        a_valid_out,
    output logic        a_first_out,
    output logic [15:0] b_out,
    output logic [31:0] result,
    output logic        result_valid
);
  logic [31:0] acc;
  logic        holding;  // acc holds a block's partial sum
  logic [31:0] mac_result;
  /* verilator lint_off UNUSEDSIGNAL */
  logic        mac_valid;  // combinational MAC: mirrors a_valid_in
  /* verilator lint_on UNUSEDSIGNAL */

  bf16_mac #(
      .APPROX(APPROX),
      .NORM_GROUP_BITS(NORM_GROUP_BITS),
      .ROUND_TOWARD_ZERO(ROUND_TOWARD_ZERO),
      .PIPE_STAGES(0)
  ) mac (
      .clk(clk),
      .rst_n(rst_n),
      .in_valid(a_valid_in),
      .a(a_in),
      .b(b_in),
      .c(a_first_in ? psum_in : acc),
      .out_valid(mac_valid),
      .result(mac_result)
  );

  assign result = acc;
  assign result_valid = a_first_in && holding;

  always_ff @(posedge clk or negedge rst_n) begin
    if (!rst_n) begin
      acc <= 32'h0;
      holding <= 1'b0;
      a_out <= 16'h0;
      a_valid_out <= 1'b0;
      a_first_out <= 1'b0;
      b_out <= 16'h0;
    end else begin
      if (a_valid_in) acc <= mac_result;
      if (a_first_in) holding <= a_valid_in;
      a_out <= a_in;
      a_valid_out <= a_valid_in;
      a_first_out <= a_first_in;
      b_out <= b_in;
    end
  end
endmodule
