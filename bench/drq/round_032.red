;redcode-94
;name offline r32 s257
;author drq offline generator
;strategy mutated r32s158: added an imp launcher; opcode of qscan line 19
;header
        SPL.B  $23, $0
        SPL.B  $33, $0
;block qscan 0
        SEQ.I  $20, $220
        MOV.AB #197, $18
        SEQ.I  $18, $1213
        MOV.AB #1192, $16
        SEQ.I  $16, $2206
        MOV.AB #2187, $14
        SEQ.I  $14, $3199
        MOV.AB #3182, $12
        SEQ.I  $12, $-3808
        MOV.AB #-3823, $10
        SEQ.I  $10, $-2815
        MOV.AB #-2828, $8
        SEQ.I  $8, $-1822
        MOV.AB #-1833, $6
        JMZ.B  $3, $5
        MOV.I  $3, >4
        DJN.B  $-1, #21
        DAT.F  #0, #0
        CMP.F  #0, #0
        DAT.F  #0, #0
        DAT.F  $0, $0
;block paper 0
        SPL.B  $1, $0
        SPL.B  $1, $0
        SPL.B  $1, $0
        SPL.B  @0, >-3103
        MOV.I  }-1, >-1
        SPL.B  @0, {-2125
        MOV.I  }-1, >-1
        MOV.I  $3, }644
        MOV.I  {-3, <1
        JMP.B  @0, >-2772
        DAT.F  <2667, <-2667
;block imp 0
        MOV.I  $0, $1
        end     0
