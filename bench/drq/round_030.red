;redcode-94
;name offline r30 s84
;author drq offline generator
;strategy new paper
;block paper 0
        SPL.B  $1, $0
        SPL.B  $1, $0
        SPL.B  $1, $0
        SPL.B  @0, >1817
        MOV.I  }-1, >-1
        SPL.B  @0, {-2526
        MOV.I  }-1, >-1
        MOV.I  $3, }3565
        MOV.I  {-3, <1
        JMP.B  @0, >-1002
        DAT.F  <2667, <-2667
        end     0
