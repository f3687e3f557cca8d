;redcode-94
;name offline r34 s146
;author drq offline generator
;strategy new qscan + paper
;header
        SPL.B  $26, $0
;block qscan 0
        SEQ.I  $24, $224
        MOV.AB #197, $22
        SEQ.I  $22, $983
        MOV.AB #958, $20
        SEQ.I  $20, $1742
        MOV.AB #1719, $18
        SEQ.I  $18, $2501
        MOV.AB #2480, $16
        SEQ.I  $16, $3260
        MOV.AB #3241, $14
        SEQ.I  $14, $-3981
        MOV.AB #-3998, $12
        SEQ.I  $12, $-3222
        MOV.AB #-3237, $10
        SEQ.I  $10, $-2463
        MOV.AB #-2476, $8
        SEQ.I  $8, $-1704
        MOV.AB #-1715, $6
        JMZ.B  $3, $5
        MOV.I  $3, >4
        DJN.B  $-1, #14
        DAT.F  #0, #0
        DAT.F  #0, #0
        DAT.F  #0, #0
        DAT.F  $0, $0
;block paper 0
        SPL.B  $1, $0
        SPL.B  $1, $0
        SPL.B  $1, $0
        SPL.B  @0, }3213
        MOV.I  }-1, >-1
        SPL.B  @0, {3550
        MOV.I  }-1, >-1
        MOV.I  $3, }2924
        MOV.I  {-3, <1
        JMP.B  @0, >-1471
        DAT.F  <2667, <-2667
        end     0
