// A set-associative TLB (fully associative when NumWays == NumEntries) holding leaf
// translations of the RV64 paged modes, in the style of CVA6's and Ibex's RTL.
//
// Each page size indexes the sets with its own virtual page number (VPN >> 9*level), and a
// lookup probes the set of every size the TLB holds in parallel; among several matching
// entries the smallest page size, then the lowest way wins. Lookups are registered: a request
// accepted at a rising edge is answered on the resp_* outputs during the next cycle (one
// cycle of latency). One request is served per cycle, flush before fill before lookup; a
// request presented with a higher-priority one is not accepted (its ready is low).
//
// Fills overwrite an entry of the same page, size and ASID (or the same global page) in place,
// else take the lowest invalid way of the set, else the replacement policy's victim.
// Flushes follow sfence.vma (RISC-V privileged spec §12.2.1): rs1 = x0 and rs2 = x0 removes
// every entry; rs2 = ASID removes that ASID's entries but never global ones; rs1 = VA removes
// the leaf entries mapping VA, of any page size, global or not; both removes the non-global
// entries of that ASID mapping VA. A flush takes effect at the edge that accepts it.
module tlb #(
  parameter int unsigned NumEntries = 16,
  parameter int unsigned NumWays = 16,
  parameter int unsigned AsidWidth = 16,        // Sv39/Sv48 satp.ASID is 16 bits (§12.1.11)
  parameter int unsigned VpnWidth = 27,         // 27 for Sv39, 36 for Sv48
  parameter int unsigned PpnWidth = 44,
  parameter logic [3:0] PageSizes = 4'b0111,    // bit i: holds pages of level i (4K, 2M, 1G, 512G)
  parameter int unsigned Replacement = tlb_pkg::ReplTreePlru,
  localparam int unsigned NumSets = NumEntries / NumWays,
  localparam int unsigned SetBits = NumSets > 1 ? $clog2(NumSets) : 1,
  localparam int unsigned WayBits = $clog2(NumWays),
  localparam int unsigned IdxBits = $clog2(NumEntries)
) (
  input  logic                 clk_i,
  input  logic                 rst_ni,

  input  logic                 lookup_valid_i,
  output logic                 lookup_ready_o,
  input  logic [VpnWidth-1:0]  lookup_vpn_i,
  input  logic [AsidWidth-1:0] lookup_asid_i,
  input  tlb_pkg::access_e     lookup_access_i,

  output logic                 resp_valid_o,
  output logic                 resp_hit_o,
  output tlb_pkg::access_e     resp_access_o,  // the request's, for the requester's check
  output logic [VpnWidth-1:0]  resp_vpn_o,     // of the page base
  output logic [PpnWidth-1:0]  resp_ppn_o,     // of the page base
  output logic [1:0]           resp_size_o,    // a tlb_pkg::page_size_e
  output logic [AsidWidth-1:0] resp_asid_o,
  output logic                 resp_global_o,
  output tlb_pkg::pte_flags_t  resp_flags_o,

  input  logic                 fill_valid_i,
  output logic                 fill_ready_o,
  input  logic [VpnWidth-1:0]  fill_vpn_i,     // bits below the page size are ignored
  input  logic [PpnWidth-1:0]  fill_ppn_i,
  input  tlb_pkg::page_size_e  fill_size_i,    // a size the TLB does not hold is dropped
  input  logic [AsidWidth-1:0] fill_asid_i,
  input  logic                 fill_global_i,  // G of the leaf or inherited from the walk
  input  tlb_pkg::pte_flags_t  fill_flags_i,

  input  logic                 flush_valid_i,
  input  tlb_pkg::flush_kind_e flush_kind_i,
  input  logic [VpnWidth-1:0]  flush_vpn_i,
  input  logic [AsidWidth-1:0] flush_asid_i
);

  localparam int unsigned LevelBits = tlb_pkg::LevelBits;
  localparam int unsigned NumLevels = VpnWidth / LevelBits;
  localparam int unsigned FlagBits = tlb_pkg::PteFlagBits;

  // Tree-PLRU and the way index need a power-of-two way count; the set index is at most one
  // level's VPN bits, so that every page size indexes with bits of its own VPN field.
  if (NumWays < 2 || (NumWays & (NumWays - 1)) != 0 || NumEntries % NumWays != 0 ||
      (NumSets & (NumSets - 1)) != 0 || NumSets > (1 << LevelBits)) begin : gen_bad_geometry
    $error("tlb: NumWays must be a power of two >= 2 dividing NumEntries into at most 512 sets, a power of two");
  end

  // The entries, one array per field, entry i = set * NumWays + way. Arrays (not flat vectors)
  // let a fill write one element and a lookup read one per way, where vectors of NumEntries
  // fields would be copied and masked whole at every edge of a simulation. Only the valid bits
  // are reset: a field of an invalid entry is never read. Verilator keeps the registers
  // readable by name (tlb__DOT__valid_q, tlb__DOT__vpn_q, ...) for a co-simulation to list the
  // entries.
  logic [NumEntries-1:0] valid_q /*verilator public_flat_rd*/;
  logic                  global_q [0:NumEntries-1] /*verilator public_flat_rd*/;
  logic [VpnWidth-1:0]   vpn_q    [0:NumEntries-1] /*verilator public_flat_rd*/;
  logic [PpnWidth-1:0]   ppn_q    [0:NumEntries-1] /*verilator public_flat_rd*/;
  logic [1:0]            size_q   [0:NumEntries-1] /*verilator public_flat_rd*/;
  logic [AsidWidth-1:0]  asid_q   [0:NumEntries-1] /*verilator public_flat_rd*/;
  logic [FlagBits-1:0]   flags_q  [0:NumEntries-1] /*verilator public_flat_rd*/;

  // The VPN bits that select a page of this size (the bits below it are the offset).
  function automatic logic [VpnWidth-1:0] page_mask(logic [1:0] size);
    page_mask = {VpnWidth{1'b1}} << (LevelBits * size);
  endfunction

  function automatic logic [SetBits-1:0] set_of(logic [VpnWidth-1:0] vpn, logic [1:0] size);
    set_of = NumSets == 1 ? '0 : SetBits'(vpn >> (LevelBits * size));
  endfunction

  // Whether vpn lies in the page of this size at page_vpn.
  function automatic logic covers(logic [VpnWidth-1:0] page_vpn, logic [1:0] size,
                                  logic [VpnWidth-1:0] vpn);
    covers = ((page_vpn ^ vpn) & page_mask(size)) == '0;
  endfunction

  function automatic logic [IdxBits-1:0] index(logic [SetBits-1:0] set, int way);
    index = IdxBits'(set * NumWays + way);
  endfunction

  logic lookup_fire, fill_fire;
  assign fill_ready_o   = !flush_valid_i;
  assign lookup_ready_o = !flush_valid_i && !fill_valid_i;
  assign fill_fire      = fill_valid_i && fill_ready_o && PageSizes[fill_size_i];
  assign lookup_fire    = lookup_valid_i && lookup_ready_o;

  // The set each page size indexes for the lookup, level l's at [l*SetBits +: SetBits].
  logic [NumLevels*SetBits-1:0] lk_sets;
  for (genvar l = 0; l < NumLevels; l++) begin : gen_lookup_set
    assign lk_sets[l*SetBits +: SetBits] = set_of(lookup_vpn_i, 2'(l));
  end

  // The fill's page: its set, and its VPN with the bits below the page size cleared.
  logic [SetBits-1:0]  fill_set;
  logic [VpnWidth-1:0] fill_vpn;
  assign fill_set = set_of(fill_vpn_i, fill_size_i);
  assign fill_vpn = fill_vpn_i & page_mask(fill_size_i);

  // Per way, the set each access selects, as a read port of that way's column of entries:
  // lk_match[l*NumWays + w] is way w matching at level l; fill_free and fill_same say whether
  // way w of the fill's set is invalid or holds the fill's translation.
  logic [NumLevels*NumWays-1:0] lk_match;
  logic [NumWays-1:0]           fill_free, fill_same;

  for (genvar w = 0; w < NumWays; w++) begin : gen_way
    for (genvar l = 0; l < NumLevels; l++) begin : gen_level
      logic [IdxBits-1:0] i;
      assign i = index(lk_sets[l*SetBits +: SetBits], w);
      assign lk_match[l*NumWays + w] =
          PageSizes[l] && valid_q[i] && size_q[i] == 2'(l) &&
          covers(vpn_q[i], 2'(l), lookup_vpn_i) &&
          (global_q[i] || asid_q[i] == lookup_asid_i);
    end

    logic [IdxBits-1:0] fi;
    assign fi = index(fill_set, w);
    assign fill_free[w] = !valid_q[fi];
    assign fill_same[w] = valid_q[fi] && size_q[fi] == fill_size_i && vpn_q[fi] == fill_vpn &&
                          global_q[fi] == fill_global_i &&
                          (fill_global_i || asid_q[fi] == fill_asid_i);
  end

  // Lookup: the lowest level, then the lowest way, that matches (later loop iterations win).
  logic               lk_hit;
  logic [SetBits-1:0] lk_set;
  logic [WayBits-1:0] lk_way;
  logic [IdxBits-1:0] lk_idx;

  always_comb begin
    lk_hit = 1'b0;
    lk_set = '0;
    lk_way = '0;
    for (int l = NumLevels - 1; l >= 0; l--) begin
      for (int w = NumWays - 1; w >= 0; w--) begin
        if (lk_match[l*NumWays + w]) begin
          lk_hit = 1'b1;
          lk_set = lk_sets[l*SetBits +: SetBits];
          lk_way = WayBits'(w);
        end
      end
    end
  end
  assign lk_idx = index(lk_set, 0) + IdxBits'(lk_way);

  // Fill: the way holding the same translation, else the lowest invalid way, else the victim.
  logic [WayBits-1:0] fill_way, victim;
  logic [IdxBits-1:0] fill_idx;

  always_comb begin
    fill_way = victim;
    for (int w = NumWays - 1; w >= 0; w--) begin
      if (fill_free[w]) fill_way = WayBits'(w);
    end
    for (int w = NumWays - 1; w >= 0; w--) begin
      if (fill_same[w]) fill_way = WayBits'(w);
    end
  end
  assign fill_idx = index(fill_set, 0) + IdxBits'(fill_way);

  // Whether sfence.vma of this kind removes entry i (§12.2.1).
  function automatic logic flush_removes(logic [IdxBits-1:0] i);
    unique case (flush_kind_i)
      tlb_pkg::FlushAll:    flush_removes = 1'b1;
`ifdef TLB_FAULT_ASID_FLUSH_REMOVES_GLOBAL
      // A deliberate fault, defined only by the co-simulation test that must catch it.
      tlb_pkg::FlushAsid:   flush_removes = asid_q[i] == flush_asid_i;
`else
      tlb_pkg::FlushAsid:   flush_removes = !global_q[i] && asid_q[i] == flush_asid_i;
`endif
      tlb_pkg::FlushVa:     flush_removes = covers(vpn_q[i], size_q[i], flush_vpn_i);
      tlb_pkg::FlushVaAsid: flush_removes = !global_q[i] && asid_q[i] == flush_asid_i &&
                                            covers(vpn_q[i], size_q[i], flush_vpn_i);
      default:              flush_removes = 1'b1;
    endcase
  endfunction

  // The valid bits a flush of this kind leaves, evaluated only at the edge that accepts it.
  function automatic logic [NumEntries-1:0] flush_kept(logic [NumEntries-1:0] valid);
    for (int i = 0; i < NumEntries; i++) flush_kept[i] = valid[i] && !flush_removes(IdxBits'(i));
  endfunction

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      valid_q <= '0;
    end else if (flush_valid_i) begin
      valid_q <= flush_kept(valid_q);
    end else if (fill_fire) begin
      valid_q[fill_idx] <= 1'b1;
    end
  end

  // A fill writes its entry's fields (a flush is never presented with an accepted fill).
  always_ff @(posedge clk_i) begin
    if (fill_fire) begin
      vpn_q[fill_idx]    <= fill_vpn;
      ppn_q[fill_idx]    <= fill_ppn_i;
      size_q[fill_idx]   <= fill_size_i;
      asid_q[fill_idx]   <= fill_asid_i;
      global_q[fill_idx] <= fill_global_i;
      flags_q[fill_idx]  <= fill_flags_i;
    end
  end

  tlb_repl #(
    .NumSets    (NumSets),
    .NumWays    (NumWays),
    .Replacement(Replacement)
  ) i_repl (
    .clk_i,
    .rst_ni,
    .hit_i      (lookup_fire && lk_hit),
    .hit_set_i  (lk_set),
    .hit_way_i  (lk_way),
    .fill_i     (fill_fire),
    .fill_set_i (fill_set),
    .fill_way_i (fill_way),
    .victim_o   (victim)
  );

  logic                resp_valid_q, resp_hit_q, resp_global_q;
  tlb_pkg::access_e    resp_access_q;
  logic [VpnWidth-1:0] resp_vpn_q;
  logic [PpnWidth-1:0] resp_ppn_q;
  logic [1:0]          resp_size_q;
  logic [AsidWidth-1:0] resp_asid_q;
  logic [FlagBits-1:0] resp_flags_q;

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      resp_valid_q  <= 1'b0;
      resp_hit_q    <= 1'b0;
      resp_access_q <= tlb_pkg::AccessLoad;
      resp_vpn_q    <= '0;
      resp_ppn_q    <= '0;
      resp_size_q   <= '0;
      resp_asid_q   <= '0;
      resp_global_q <= 1'b0;
      resp_flags_q  <= '0;
    end else begin
      resp_valid_q <= lookup_fire;
      if (lookup_fire) begin
        // A miss answers zeros beside resp_hit_o.
        resp_hit_q    <= lk_hit;
        resp_access_q <= lookup_access_i;
        resp_vpn_q    <= lk_hit ? vpn_q[lk_idx] : '0;
        resp_ppn_q    <= lk_hit ? ppn_q[lk_idx] : '0;
        resp_size_q   <= lk_hit ? size_q[lk_idx] : '0;
        resp_asid_q   <= lk_hit ? asid_q[lk_idx] : '0;
        resp_global_q <= lk_hit && global_q[lk_idx];
        resp_flags_q  <= lk_hit ? flags_q[lk_idx] : '0;
      end
    end
  end

  assign resp_valid_o  = resp_valid_q;
  assign resp_hit_o    = resp_hit_q;
  assign resp_access_o = resp_access_q;
  assign resp_vpn_o    = resp_vpn_q;
  assign resp_ppn_o    = resp_ppn_q;
  assign resp_size_o   = resp_size_q;
  assign resp_asid_o   = resp_asid_q;
  assign resp_global_o = resp_global_q;
  assign resp_flags_o  = resp_flags_q;

endmodule
