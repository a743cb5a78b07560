// First-in first-out order of one set: each way holds its rank in fill order (0 = filled
// longest ago). A fill moves its way to the newest rank and the ways that were newer move
// down one, so the ranks stay a permutation; the victim is the way of rank 0. Hits do not
// change the order. Invalidations need not: the victim is only asked for when every way is
// valid, and by then every way has been filled since it was last invalidated. Ways must be
// at least 2.
module tlb_fifo #(
  parameter int unsigned Ways = 4,
  localparam int unsigned WayBits = $clog2(Ways)
) (
  input  logic               clk_i,
  input  logic               rst_ni,
  input  logic               fill_i,
  input  logic [WayBits-1:0] fill_way_i,
  output logic [WayBits-1:0] victim_o
);

  // Way w's rank is rank_q[w*WayBits +: WayBits].
  logic [Ways*WayBits-1:0] rank_q, rank_d, rank_reset;
  logic [WayBits-1:0]      fill_rank;

  assign fill_rank = rank_q[fill_way_i*WayBits +: WayBits];

  always_comb begin
    rank_d = rank_q;
    if (fill_i) begin
      for (int w = 0; w < Ways; w++) begin
        if (WayBits'(w) == fill_way_i) rank_d[w*WayBits +: WayBits] = WayBits'(Ways - 1);
        else if (rank_q[w*WayBits +: WayBits] > fill_rank)
          rank_d[w*WayBits +: WayBits] = rank_q[w*WayBits +: WayBits] - 1'b1;
      end
    end
  end

  always_comb begin
    victim_o = '0;
    for (int w = 0; w < Ways; w++) begin
      if (rank_q[w*WayBits +: WayBits] == '0) victim_o = WayBits'(w);
    end
  end

  always_comb begin
    for (int w = 0; w < Ways; w++) rank_reset[w*WayBits +: WayBits] = WayBits'(w);
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) rank_q <= rank_reset;
    else         rank_q <= rank_d;
  end

endmodule
