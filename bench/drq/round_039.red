;redcode-94
;name offline r39 s4
;author drq offline generator
;strategy new paper
;block paper 0
        SPL.B  $1, $0
        SPL.B  $1, $0
        SPL.B  $1, $0
        SPL.B  @0, }3845
        MOV.I  }-1, >-1
        SPL.B  @0, <655
        MOV.I  }-1, >-1
        MOV.I  $3, }3276
        MOV.I  {-3, <1
        JMP.B  @0, >273
        DAT.F  <2667, <-2667
        end     0
