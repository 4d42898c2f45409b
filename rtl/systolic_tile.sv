// The matrix engine's systolic array: ROWS x COLS processing elements (mac_pe.sv), output
// stationary, as ip/matrix/matrix_tiling.h describes the model's dataflow.
//
// Edges, all sampled at the rising clock edge:
//  - row r of A enters at PE (r, 0) through a_in[r] with its flags a_valid[r] and a_first[r]
//    (first: the first k of a block; first without valid: flush the last block's result);
//  - column c of B enters at PE (0, c) through b_in[c];
//  - column c has one psum bus (psum_in[c], the partial sum a block starts from, used by the
//    PE of that column whose first flag is up) and one result bus (result[c] and
//    result_valid[c], driven by that same PE with the result of its previous block).
// The driver skews the edges (row r by r cycles, column c by c) so that A[i][k] and B[k][j]
// meet in PE (i, j). The result buses are combinational from the PE registers and the first
// flags, so the driver reads them before the edge that ends the cycle.
//
// Cycle count of a step of `blocks` blocks over depth k (what the model's step_cycles()
// charges): (ROWS + COLS - 2) + blocks * max(k, ROWS) + 1. The last block's results leave
// on the result buses as the flush wavefront passes, one cycle after its last multiply-add
// in each PE.
module systolic_tile #(
    parameter int ROWS = 16,
    parameter int COLS = 16,
    parameter int APPROX = 0,
    parameter int NORM_GROUP_BITS = 1,
    parameter int ROUND_TOWARD_ZERO = 0
) (
    input  logic                 clk,
    input  logic                 rst_n,
    input  logic [ROWS*16-1:0]   a_in,
    input  logic [ROWS-1:0]      a_valid,
    input  logic [ROWS-1:0]      a_first,
    input  logic [COLS*16-1:0]   b_in,
    input  logic [COLS*32-1:0]   psum_in,
    output logic [COLS*32-1:0]   result,
    output logic [COLS-1:0]      result_valid
);
  // Operands between neighbours: column index c is the input of PE (r, c), index COLS the
  // output of the last column (unused); likewise rows for B.
  /* verilator lint_off UNUSEDSIGNAL */
  logic [15:0] a_wire[ROWS][COLS+1];
  logic        valid_wire[ROWS][COLS+1];
  logic        first_wire[ROWS][COLS+1];
  logic [15:0] b_wire[ROWS+1][COLS];
  /* verilator lint_on UNUSEDSIGNAL */
  logic [31:0] pe_result[ROWS][COLS];
  logic        pe_result_valid[ROWS][COLS];

  for (genvar r = 0; r < ROWS; r++) begin : g_row_edge
    assign a_wire[r][0] = a_in[r*16+:16];
    assign valid_wire[r][0] = a_valid[r];
    assign first_wire[r][0] = a_first[r];
  end
  for (genvar c = 0; c < COLS; c++) begin : g_col_edge
    assign b_wire[0][c] = b_in[c*16+:16];
  end

  for (genvar r = 0; r < ROWS; r++) begin : g_row
    for (genvar c = 0; c < COLS; c++) begin : g_col
      mac_pe #(
          .APPROX(APPROX),
          .NORM_GROUP_BITS(NORM_GROUP_BITS),
          .ROUND_TOWARD_ZERO(ROUND_TOWARD_ZERO)
      ) pe (
          .clk(clk),
          .rst_n(rst_n),
          .a_in(a_wire[r][c]),
          .a_valid_in(valid_wire[r][c]),
          .a_first_in(first_wire[r][c]),
          .b_in(b_wire[r][c]),
          .psum_in(psum_in[c*32+:32]),
          .a_out(a_wire[r][c+1]),
          .a_valid_out(valid_wire[r][c+1]),
          .a_first_out(first_wire[r][c+1]),
          .b_out(b_wire[r+1][c]),
          .result(pe_result[r][c]),
          .result_valid(pe_result_valid[r][c])
      );
    end
  end

  // The result bus of a column: at most one PE drives it in a cycle (see mac_pe.sv).
  always_comb begin
    result = '0;
    result_valid = '0;
    for (int c = 0; c < COLS; c++) begin
      for (int r = 0; r < ROWS; r++) begin
        if (pe_result_valid[r][c]) begin
          result[c*32+:32] = result[c*32+:32] | pe_result[r][c];
          result_valid[c] = 1'b1;
        end
      end
    end
  end
endmodule
