;redcode-94
;name offline r42 s166
;author drq offline generator
;strategy mutated r42s53: redrew the paper; step -2817 → -1295
;block paper 0
        SPL.B  $1, $0
        SPL.B  $1, $0
        SPL.B  $1, $0
        SPL.B  @0, >1640
        MOV.I  }-1, >-1
        SPL.B  @0, <-1295
        MOV.I  }-1, >-1
        MOV.I  $3, }3364
        MOV.I  {-3, <1
        JMP.B  @0, >-1281
        DAT.F  <2667, <-2667
        end     0
